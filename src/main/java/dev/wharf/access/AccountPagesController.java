package dev.wharf.access;

import dev.wharf.web.InvalidInputException;
import dev.wharf.web.NotFoundException;
import dev.wharf.web.SignedIn;
import dev.wharf.web.TooManyRequestsException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages of one's own account (password, tokens), the tokens of automation accounts, and the
 * effective-access view. They call the same services as the API, so the same rules and audit entries apply.
 */
@Controller
class AccountPagesController {

    private final OwnAccount account;
    private final Tokens tokens;
    private final TokenController tokenApi;
    private final EffectiveAccess effective;
    private final AccessPolicy access;
    private final AccessGrants grants;
    private final HostDirectory hosts;
    private final Validator validator;

    AccountPagesController(OwnAccount account, Tokens tokens, TokenController tokenApi, EffectiveAccess effective,
            AccessPolicy access, AccessGrants grants, HostDirectory hosts, Validator validator) {
        this.account = account;
        this.tokens = tokens;
        this.tokenApi = tokenApi;
        this.effective = effective;
        this.access = access;
        this.grants = grants;
        this.hosts = hosts;
        this.validator = validator;
    }

    /** The new-token form: no permission ticked means all of the owner's; scope is {@code all}, {@code host:<id>} or {@code group:<name>}. */
    record TokenForm(String name, Integer expiresInDays, List<String> permissions, String scope) {

        static TokenForm empty() {
            return new TokenForm("", 90, List.of(), "all");
        }

        Tokens.CreateToken request(String user) {
            List<AccessRequests.ScopeRef> scopes = null;
            if (scope != null && !scope.isBlank() && !scope.equals("all")) {
                int colon = scope.indexOf(':');
                scopes = List.of(colon < 0 ? new AccessRequests.ScopeRef(scope, null)
                        : new AccessRequests.ScopeRef(scope.substring(0, colon), scope.substring(colon + 1)));
            }
            return new Tokens.CreateToken(name, expiresInDays, permissions == null || permissions.isEmpty() ? null : permissions, scopes, user);
        }
    }

    record PasswordForm(String currentPassword, String newPassword, String repeatPassword) {}

    @SignedIn("everyone's own account page")
    @GetMapping("/account")
    ModelAndView page(Authentication caller) {
        return accountPage(caller, TokenForm.empty(), null, Map.of(), HttpStatus.OK);
    }

    @SignedIn("everyone changes their own password, proving it with the current one")
    @PostMapping("/account/password")
    ModelAndView changePassword(@ModelAttribute PasswordForm form, Authentication caller, HttpServletRequest request,
            RedirectAttributes flash) {
        try {
            if (form.newPassword() != null && !form.newPassword().equals(form.repeatPassword())) {
                throw new InvalidInputException("repeatPassword", "does not match the new password");
            }
            AccessRequests.ChangePassword change = valid(new AccessRequests.ChangePassword(
                    blankToNull(form.currentPassword()), blankToNull(form.newPassword())));
            account.changePassword(change, caller, request);
        } catch (InvalidInputException e) {
            return accountPage(caller, TokenForm.empty(), null, Map.of(e.field(), e.reason()), HttpStatus.BAD_REQUEST);
        } catch (TooManyRequestsException e) {
            return accountPage(caller, TokenForm.empty(), null, Map.of("currentPassword", e.getMessage()), HttpStatus.TOO_MANY_REQUESTS);
        }
        flash.addFlashAttribute("notice", "Your password is changed.");
        return new ModelAndView("redirect:/account");
    }

    @SignedIn("a user creates tokens for themselves")
    @PostMapping("/account/tokens")
    ModelAndView createToken(@ModelAttribute TokenForm form, Authentication caller) {
        try {
            Tokens.CreatedToken created = tokens.create(valid(form.request(null)), caller);
            return accountPage(caller, TokenForm.empty(), created, Map.of(), HttpStatus.CREATED);
        } catch (InvalidInputException e) {
            return accountPage(caller, form, null, Map.of(e.field(), e.reason()), HttpStatus.BAD_REQUEST);
        } catch (AccessDeniedException e) {
            return accountPage(caller, form, null, Map.of("token", e.getMessage()), HttpStatus.FORBIDDEN);
        }
    }

    @SignedIn("the caller's own tokens")
    @PostMapping("/account/tokens/{tokenId}/revoke")
    String revoke(@PathVariable UUID tokenId, Authentication caller, RedirectAttributes flash) {
        tokenApi.revoke(AccessPolicy.user(caller).orElseThrow().id(), tokenId, caller);
        flash.addFlashAttribute("notice", "The token is revoked.");
        return "redirect:/account";
    }

    @Requires(value = Permission.USER_MANAGE, on = Requires.On.GLOBAL)
    @GetMapping("/access/users/{userId}/tokens")
    ModelAndView tokensOf(@PathVariable UUID userId, Authentication caller) {
        return tokensPage(tokens.account(userId), caller, TokenForm.empty(), null, Map.of(), HttpStatus.OK);
    }

    @Requires(value = Permission.USER_MANAGE, on = Requires.On.GLOBAL)
    @PostMapping("/access/users/{userId}/tokens")
    ModelAndView createTokenFor(@PathVariable UUID userId, @ModelAttribute TokenForm form, Authentication caller) {
        UserAccount owner = tokens.account(userId);
        try {
            Tokens.CreatedToken created = tokens.create(valid(form.request(owner.id().toString())), caller);
            return tokensPage(owner, caller, TokenForm.empty(), created, Map.of(), HttpStatus.CREATED);
        } catch (InvalidInputException e) {
            return tokensPage(owner, caller, form, null, Map.of(e.field(), e.reason()), HttpStatus.BAD_REQUEST);
        } catch (AccessDeniedException e) {
            return tokensPage(owner, caller, form, null, Map.of("token", e.getMessage()), HttpStatus.FORBIDDEN);
        }
    }

    @Requires(value = Permission.USER_MANAGE, on = Requires.On.GLOBAL)
    @PostMapping("/access/users/{userId}/tokens/{tokenId}/revoke")
    String revokeOf(@PathVariable UUID userId, @PathVariable UUID tokenId, Authentication caller, RedirectAttributes flash) {
        tokenApi.revoke(tokens.account(userId).id(), tokenId, caller);
        flash.addFlashAttribute("notice", "The token is revoked.");
        return "redirect:/access/users/" + userId + "/tokens";
    }

    @SignedIn("everyone sees their own access; another user's needs user.manage globally or being their team's admin (the handler checks)")
    @GetMapping("/access/effective")
    ModelAndView effectiveAccess(@RequestParam(required = false) String user, @RequestParam(required = false) String host,
            Authentication caller) {
        ModelAndView page = new ModelAndView("access/effective");
        page.addObject("user", user == null ? "" : user);
        page.addObject("host", host == null ? "" : host);
        page.addObject("hosts", visibleHosts(caller));
        try {
            page.addObject("view", effective.of(user, host, caller));
        } catch (InvalidInputException e) {
            page.addObject("problem", e.field() + " " + e.reason());
            page.setStatus(HttpStatus.BAD_REQUEST);
        } catch (NotFoundException e) {
            page.addObject("problem", e.getMessage());
            page.setStatus(HttpStatus.NOT_FOUND);
        }
        return page;
    }

    private ModelAndView accountPage(Authentication caller, TokenForm form, Tokens.CreatedToken created, Map<String, String> errors,
            HttpStatus status) {
        UserAccount me = account.of(caller);
        ModelAndView page = new ModelAndView("access/account");
        page.addObject("me", AccessViews.UserView.of(me));
        page.addObject("passwordErrors", errors.keySet().stream().anyMatch(f -> f.endsWith("Password")) ? errors : Map.of());
        tokenModel(page, me, caller, form, created, errors.keySet().stream().anyMatch(f -> f.endsWith("Password")) ? Map.of() : errors);
        page.setStatus(status);
        return page;
    }

    private ModelAndView tokensPage(UserAccount owner, Authentication caller, TokenForm form, Tokens.CreatedToken created,
            Map<String, String> errors, HttpStatus status) {
        ModelAndView page = new ModelAndView("access/tokens");
        page.addObject("owner", AccessViews.UserView.of(owner));
        tokenModel(page, owner, caller, form, created, errors);
        page.setStatus(status);
        return page;
    }

    private void tokenModel(ModelAndView page, UserAccount owner, Authentication caller, TokenForm form, Tokens.CreatedToken created,
            Map<String, String> errors) {
        page.addObject("tokens", tokens.of(owner.id()));
        page.addObject("created", created);
        page.addObject("form", form);
        page.addObject("errors", errors);
        page.addObject("ownerPermissions", heldSomewhere(owner));
        page.addObject("hosts", visibleHosts(caller));
        page.addObject("groups", visibleHosts(caller).stream().map(HostDirectory.HostRef::group).filter(g -> g != null).distinct().sorted().toList());
        page.addObject("viaToken", AccessPolicy.user(caller).map(u -> u.tokenId() != null).orElse(false));
    }

    /** The permissions a token of this owner could list: those some binding grants them. */
    private List<String> heldSomewhere(UserAccount owner) {
        Grants held = grants.of(owner.id());
        List<String> keys = new ArrayList<>();
        for (Permission permission : Permission.values()) {
            if (held.allowsSomewhere(permission)) {
                keys.add(permission.key());
            }
        }
        return keys;
    }

    private List<HostDirectory.HostRef> visibleHosts(Authentication caller) {
        return hosts.all().stream().filter(h -> access.may(caller, Permission.HOST_READ, h.scope()))
                .sorted(Comparator.comparing(HostDirectory.HostRef::name)).toList();
    }

    /** Direct calls skip {@code @Valid}: the same constraints as the API, read as the API reads them. */
    private <T> T valid(T request) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            ConstraintViolation<T> first = violations.iterator().next();
            throw new InvalidInputException(first.getPropertyPath().toString(), first.getMessage());
        }
        return request;
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
