package org.civicflow.jurisdiction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the one division a free-text address names. Addresses are unsegmented Chinese, so names are
 * found as substrings; the rules below keep that from guessing: a wrong guess sends the case to an
 * office that has to return it (退单), while no answer sends it to a dispatcher who reads it.
 */
final class AddressNames {

    /** A name (full or short) under which a unit may appear in an address. */
    record Key<T>(String text, T unit) {
    }

    /** Characters {@code [start, end)} of the address. */
    record Span(int start, int end) {

        boolean isWithin(Span other) {
            return start >= other.start && end <= other.end;
        }
    }

    private AddressNames() {
    }

    /**
     * Tiers are tried in order of trust (full official names, then short forms); the first tier with any
     * match decides. Within it the longest match wins, and an equally long match of a different unit
     * makes the answer ambiguous: empty rather than a guess. An occurrence lying within an ignored span
     * does not count: it is part of a name of another level (沙坪 inside 沙坪坝区 is not 沙坪镇).
     */
    static <T> Optional<T> findUnique(String address, List<List<Key<T>>> tiers, List<Span> ignored) {
        for (List<Key<T>> tier : tiers) {
            int longest = 0;
            Set<T> winners = new LinkedHashSet<>();
            for (Key<T> key : tier) {
                int length = key.text().length();
                if (length < longest || !occursOutside(address, key.text(), ignored)) {
                    continue;
                }
                if (length > longest) {
                    longest = length;
                    winners.clear();
                }
                winners.add(key.unit());
            }
            if (!winners.isEmpty()) {
                return winners.size() == 1 ? Optional.of(winners.iterator().next()) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Every occurrence of every name in the address. */
    static List<Span> occurrences(String address, Collection<String> names) {
        List<Span> spans = new ArrayList<>();
        for (String name : names) {
            for (int at = address.indexOf(name); at >= 0; at = address.indexOf(name, at + 1)) {
                spans.add(new Span(at, at + name.length()));
            }
        }
        return spans;
    }

    private static boolean occursOutside(String address, String name, List<Span> ignored) {
        for (int at = address.indexOf(name); at >= 0; at = address.indexOf(name, at + 1)) {
            Span span = new Span(at, at + name.length());
            if (ignored.stream().noneMatch(span::isWithin)) {
                return true;
            }
        }
        return false;
    }
}
