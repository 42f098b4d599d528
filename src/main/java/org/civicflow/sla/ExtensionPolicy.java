package org.civicflow.sla;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The rules for extending a handling deadline (延期), from {@code civicflow.sla.extension}; defaults are the rule of
 * DOMAIN.md §2 (Shandong 2020): ask at least 1 working day before the deadline, at most 10 working days in total.
 *
 * @param maxWorkingDays       the most working days all extensions of one handling round may add together
 * @param minNoticeWorkingDays how many working days before the deadline the handler must ask, at the latest
 */
@ConfigurationProperties("civicflow.sla.extension")
public record ExtensionPolicy(Integer maxWorkingDays, Integer minNoticeWorkingDays) {

    public ExtensionPolicy {
        maxWorkingDays = maxWorkingDays == null ? 10 : maxWorkingDays;
        minNoticeWorkingDays = minNoticeWorkingDays == null ? 1 : minNoticeWorkingDays;
        if (maxWorkingDays < 1 || minNoticeWorkingDays < 0) {
            throw new IllegalArgumentException("civicflow.sla.extension: max-working-days must be at least 1 and "
                    + "min-notice-working-days at least 0, were " + maxWorkingDays + " and " + minNoticeWorkingDays);
        }
    }
}
