package dev.wharf.access;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The principal of every authenticated request, from the sign-in form or an API token.
 *
 * @param tokenId the API token that authenticated this request, null for a browser session
 * @param limits how much narrower than the user that token is ({@link TokenLimits#NONE} for a session)
 */
public record SignedInUser(UUID id, String username, String passwordHash, boolean enabled, UUID tokenId, TokenLimits limits)
        implements UserDetails {

    /** The same user, as authenticated by an API token; carries no password hash. */
    SignedInUser viaToken(UUID token, TokenLimits tokenLimits) {
        return new SignedInUser(id, username, null, enabled, token, tokenLimits);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        // Rights come from AccessPolicy per host, not from authorities on the principal.
        return List.of();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public String toString() {
        return "SignedInUser[" + username + (tokenId != null ? ", token " + tokenId : "") + "]";
    }
}
