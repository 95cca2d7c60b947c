package org.broadcastallocation.rounds;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.broadcastallocation.engine.AllocationEngine;

/** The allocation engine with the project's solver configuration, as the command line uses it. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    AllocationEngine allocationEngine() {
        return AllocationEngine.withProjectConfig();
    }
}
