package com.countersign.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.countersign.support.CountersignTest;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** Before start-up is done (demo users, bootstrap admin), nobody signs in to a half-ready portal. */
@CountersignTest
class StartupGateTest {

    @Autowired
    WebApplicationContext context;

    @Autowired
    StartupGate gate;

    @Test
    void a_portal_that_is_not_ready_answers_starting_and_lets_nobody_sign_in() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).addFilters(gate).build();
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        try {
            mvc.perform(post("/login").param("username", "staff").param("password", "staff-demo-pass"))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string("Retry-After", "3"))
                    .andExpect(content().string(Matchers.containsString("Countersign is starting")));
            mvc.perform(get("/proformas")).andExpect(status().isServiceUnavailable());
            mvc.perform(get("/actuator/health")).andExpect(status().is(Matchers.not(503)));
        } finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }

        MockHttpServletRequest signIn = new MockHttpServletRequest("POST", "/login");
        MockFilterChain rest = new MockFilterChain();
        gate.doFilter(signIn, new MockHttpServletResponse(), rest);
        assertThat(rest.getRequest()).as("once ready, the sign-in goes on to the security chain").isSameAs(signIn);
    }
}
