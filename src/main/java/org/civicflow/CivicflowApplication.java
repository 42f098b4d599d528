package org.civicflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * civicflow: cross-level case handling (city → district → subdistrict) for Chongqing, on Camunda 7 and Drools.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CivicflowApplication {

    public static void main(String[] args) {
        SpringApplication.run(CivicflowApplication.class, args);
    }
}
