package dev.wharf.hosts;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface Hosts extends ListCrudRepository<Host, UUID> {

    Optional<Host> findByName(String name);

    List<Host> findAllByOrderByNameAsc();

    boolean existsByKind(String kind);

    @Query("SELECT group_name, COUNT(*) AS hosts FROM host WHERE group_name IS NOT NULL GROUP BY group_name ORDER BY group_name")
    List<GroupCount> countByGroup();

    record GroupCount(String groupName, long hosts) {}
}
