package dev.wharf.access;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Loads users for the sign-in form and for HTTP Basic on token creation. Automation accounts are not found
 * here: they never sign in, and the refusal reads exactly like a wrong password.
 */
@Component
class UserAccountDetailsService implements UserDetailsService {

    private final UserAccounts users;

    UserAccountDetailsService(UserAccounts users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return users.findByUsername(username)
                .filter(user -> !user.automation())
                .map(UserAccount::toPrincipal)
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }
}
