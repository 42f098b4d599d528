package org.civicflow.api;

import java.io.IOException;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses request bodies over {@value #MAX_BYTES} bytes with 413 before anything reads them: by the declared
 * {@code Content-Length}, and for chunked bodies by counting while the body is read ({@link BodyTooLargeException}).
 */
class BodySizeLimitFilter extends OncePerRequestFilter {

    static final int MAX_BYTES = 1 << 20;

    /** Thrown from the body's stream once more than the limit was read. */
    static class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("The request body is larger than " + MAX_BYTES + " bytes");
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BYTES) {
            refuse(request, response);
            return;
        }
        chain.doFilter(new Limited(request), response);
    }

    static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String detail = "The request body is larger than " + MAX_BYTES + " bytes (1 MB)";
        response.setStatus(413);
        response.setCharacterEncoding("UTF-8");
        if (request.getRequestURI().contains("/open311/")) {
            if (request.getRequestURI().endsWith(".xml")) {
                response.setContentType("text/xml");
                response.getWriter().write("<?xml version=\"1.0\" encoding=\"utf-8\"?><errors><error><code>413</code><description>"
                        + detail + "</description></error></errors>");
            } else {
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.getWriter().write("[{\"code\":413,\"description\":\"" + detail + "\"}]");
            }
            return;
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"https://civicflow.org/problems/body-too-large\",\"title\":\"Payload Too Large\","
                + "\"status\":413,\"detail\":\"" + detail + "\",\"errors\":[{\"field\":\"body\",\"message\":\"" + detail + "\"}]}");
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private ServletInputStream stream;

        Limited(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream());
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private long read;

        Counting(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > MAX_BYTES) {
                throw new BodyTooLargeException();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
