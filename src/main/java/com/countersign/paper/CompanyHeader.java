package com.countersign.paper;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The issuing company as printed at the top of every form ({@code countersign.company.*}). */
@ConfigurationProperties("countersign.company")
public record CompanyHeader(
        @DefaultValue("Countersign Demo GmbH") String name,
        @DefaultValue("Friedrichstraße 1, 10117 Berlin, Germany") String address,
        @DefaultValue("DE000000000") String vatId,
        @DefaultValue("") String contact) {}
