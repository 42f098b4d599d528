package org.civicflow.config;

import java.io.IOException;

import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Counts the HTTP requests being served for the group commit ({@link GroupCommitTransactionManager#requestStarted()}):
 * a commit waits for the spacing between checkpoints only while another request might join its group.
 */
final class RequestsBeingServed extends OncePerRequestFilter {

    private final GroupCommitTransactionManager groups;

    RequestsBeingServed(GroupCommitTransactionManager groups) {
        this.groups = groups;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        groups.requestStarted();
        try {
            chain.doFilter(request, response);
        } finally {
            groups.requestFinished();
        }
    }
}
