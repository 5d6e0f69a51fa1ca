package com.countersign.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import com.countersign.security.PasswordChange;
import com.countersign.security.Role;
import com.countersign.security.UserAdminService;
import com.countersign.support.CountersignTest;
import com.countersign.support.SecondPerson;
import com.countersign.support.Users;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** A reset one admin asked and another approved: the temporary password signs in only to choose a new one. */
@CountersignTest
class ResetSignInTest {

    private static final String PASSWORD = "my own first secret";

    @Autowired WebApplicationContext context;
    @Autowired UserAdminService users;
    @Autowired PasswordChange passwordChange;
    @Autowired SecondPerson secondPerson;

    private MockMvc mvc;
    private final String address = "203.0.113." + UUID.randomUUID().toString().substring(0, 6);

    @BeforeEach
    void buildMockMvc() {
        VaadinOnMockServletContext.prepare(context.getServletContext());
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    @AfterEach
    void signOut() {
        Users.anonymous();
    }

    @Test
    void the_temporary_password_signs_in_to_the_password_view_only_until_a_new_one_is_chosen() throws Exception {
        String username = "reset-door-" + UUID.randomUUID().toString().substring(0, 8);
        Users.actAs("admin", "ADMIN");
        long id = users.create(username, "Reset Door", Set.of(Role.STAFF), PASSWORD).id();
        users.requestPasswordReset(id);
        signIn(username, PASSWORD).andExpect(redirectedUrl("/")); // asked only: nothing changed yet
        String temporary = secondPerson.approveAllFor(username);
        Users.anonymous();

        signIn(username, PASSWORD).andExpect(redirectedUrl("/login?error"));
        MockHttpSession session = (MockHttpSession) signIn(username, temporary).andExpect(redirectedUrl("/password"))
                .andReturn().getRequest().getSession();
        SecurityContext signedIn = (SecurityContext) session
                .getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        assertThat(signedIn.getAuthentication().getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly(PasswordChange.REQUIRED);
        mvc.perform(get("/actuator/health").session(session)).andExpect(jsonPath("$.components").doesNotExist());

        Users.actAs(username, "n/a");
        passwordChange.change(temporary, "my own second secret");
        Users.anonymous();

        signIn(username, temporary).andExpect(redirectedUrl("/login?error"));
        signIn(username, "my own second secret").andExpect(redirectedUrl("/"));
    }

    private ResultActions signIn(String username, String password) throws Exception {
        return mvc.perform(post("/login").with(csrf()).with(request -> {
            request.setRemoteAddr(address);
            return request;
        }).param("username", username).param("password", password));
    }
}
