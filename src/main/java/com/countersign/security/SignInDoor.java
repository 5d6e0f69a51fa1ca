package com.countersign.security;

import java.util.Locale;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The password check behind the throttle. A refused attempt ends exactly like a wrong password
 * (same exception type, same redirect, same message), so the door tells nobody whether an account
 * exists, is locked or merely mistyped.
 */
class SignInDoor implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final SignInThrottle throttle;

    SignInDoor(UserDetailsService users, PasswordEncoder encoder, SignInThrottle throttle) {
        this.passwords = new DaoAuthenticationProvider(users);
        this.passwords.setPasswordEncoder(encoder);
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String account = attempt.getName() == null ? "" : attempt.getName().strip().toLowerCase(Locale.ROOT);
        account = account.length() > 100 ? account.substring(0, 100) : account;
        String address = attempt.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                ? web.getRemoteAddress() : null;
        if (!throttle.admit(account, address)) {
            throw new BadCredentialsException("Bad credentials");
        }
        // the attempt was counted as a failure already; only a success takes it back
        Authentication result = passwords.authenticate(attempt);
        throttle.succeeded(account, address);
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
