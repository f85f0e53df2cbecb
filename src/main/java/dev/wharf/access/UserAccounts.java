package dev.wharf.access;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.ListCrudRepository;

interface UserAccounts extends ListCrudRepository<UserAccount, UUID> {

    Optional<UserAccount> findByUsername(String username);
}
