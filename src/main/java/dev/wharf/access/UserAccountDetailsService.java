package dev.wharf.access;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Loads users for the sign-in form and for HTTP Basic on token creation. */
@Component
class UserAccountDetailsService implements UserDetailsService {

    private final UserAccounts users;

    UserAccountDetailsService(UserAccounts users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return users.findByUsername(username)
                .map(UserAccount::toPrincipal)
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }
}
