package dev.wharf;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
public class WharfApplication {

    public static void main(String[] args) {
        SpringApplication.run(WharfApplication.class, args);
    }

    /** One clock for every timestamp the console writes, so tests can pin time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
