package io.multidb.dao;

import io.multidb.connection.Column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.testkit.ClosePools;
import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.Session;
import io.multidb.testkit.TestDatabase;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link EntityDao} on every engine: the same class, only the DDL differs. */
@ExtendWith(ClosePools.class)
class EntityDaoTest {

    @Table("users")
    record User(@Id(generated = true) Long id, String name, @Column("mail") String email, boolean active,
            Instant createdAt, LocalDateTime lastSeen) {
    }

    @Table("countries")
    record Country(@Id String code, String name, long population) {
    }

    enum Kind { API, SESSION }

    @Table("tokens")
    record Token(@Id UUID id, String owner, Kind kind) {
    }

    static final class UserDao extends EntityDao<User, Long> {
        UserDao(Session session) {
            super(session, User.class, Long.class);
        }

        Optional<User> findByEmail(String email) {
            return queryOptional(User.class, "select * from users where mail = ?", email);
        }
    }

    static final class CountryDao extends EntityDao<Country, String> {
        CountryDao(Session session) {
            super(session, Country.class, String.class);
        }
    }

    static final class TokenDao extends EntityDao<Token, UUID> {
        TokenDao(Session session) {
            super(session, Token.class, UUID.class);
        }
    }

    private static final Instant CREATED = Instant.parse("2024-05-01T10:15:30.123456Z");
    private static final LocalDateTime SEEN = LocalDateTime.parse("2024-06-02T08:00:00.5");

    private static void configure(TestDatabase db) {
        ConnectionPool.configure(java.util.Map.of("main", db.freshConfig()));
        try (Session s = DatabaseManager.getSession("main")) {
            s.execute(Ddl.of(db.engine(), "create table users (id {identity}, name {text} not null, mail {text},"
                    + " active {bool} not null, created_at {timestamp} not null, last_seen {timestamp})"));
            s.execute(Ddl.of(db.engine(), "create table countries (code varchar(2) primary key, name {text} not null,"
                    + " population {bigint} not null)"));
            s.execute(Ddl.of(db.engine(), "create table tokens (id {uuid} primary key, owner {text}, kind {text})"));
            s.commit();
        }
    }

    private static User newUser(String name, String email) {
        return new User(null, name, email, true, CREATED, null);
    }

    @EveryEngine
    void insertAssignsTheGeneratedKeyAndFindByIdReadsTheEntityBack(TestDatabase db) {
        configure(db);
        try (Session s = DatabaseManager.getSession("main")) {
            UserDao users = new UserDao(s);
            User ada = users.insert(new User(null, "Ada", "ada@example.org", true, CREATED, SEEN));
            User grace = users.insert(newUser("Grace", null));
            s.commit();

            assertThat(ada.id()).isNotNull();
            assertThat(grace.id()).isNotNull().isNotEqualTo(ada.id());
            assertThat(ada).isEqualTo(new User(ada.id(), "Ada", "ada@example.org", true, CREATED, SEEN));
            assertThat(users.findById(ada.id())).contains(ada);
            assertThat(users.findById(grace.id())).contains(grace);
        }
    }

    @EveryEngine
    void findByIdIsEmptyForAKeyNoRowHas(TestDatabase db) {
        configure(db);
        try (Session s = DatabaseManager.getSession("main")) {
            assertThat(new UserDao(s).findById(404L)).isEmpty();
            assertThat(new CountryDao(s).findById("ZZ")).isEmpty();
        }
    }

    @EveryEngine
    void insertWithAKeyTheApplicationChoseStoresTheEntityAsGiven(TestDatabase db) {
        configure(db);
        try (Session s = DatabaseManager.getSession("main")) {
            CountryDao countries = new CountryDao(s);
            Country pt = new Country("PT", "Portugal", 10_300_000L);
            assertThat(countries.insert(pt)).isSameAs(pt);
            assertThat(countries.findById("PT")).contains(pt);

            TokenDao tokens = new TokenDao(s);
            Token token = new Token(UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"), "ada", Kind.API);
            tokens.insert(token);
            assertThat(tokens.findById(token.id())).contains(token);
        }
    }

    @EveryEngine
    void updateWritesEveryColumnAndSaysWhetherTheRowExisted(TestDatabase db) {
        configure(db);
        try (Session s = DatabaseManager.getSession("main")) {
            UserDao users = new UserDao(s);
            User ada = users.insert(newUser("Ada", "ada@example.org"));
            User renamed = new User(ada.id(), "Ada King", null, false, CREATED, SEEN);

            assertThat(users.update(renamed)).isTrue();
            assertThat(users.findById(ada.id())).contains(renamed);
            assertThat(users.update(new User(999_999L, "Nobody", null, true, CREATED, null))).isFalse();
            assertThat(users.count()).isEqualTo(1);
        }
    }

    @EveryEngine
    void deleteAndDeleteByIdSayWhetherARowWentAway(TestDatabase db) {
        configure(db);
        try (Session s = DatabaseManager.getSession("main")) {
            UserDao users = new UserDao(s);
            User ada = users.insert(newUser("Ada", null));
            User grace = users.insert(newUser("Grace", null));

            assertThat(users.delete(ada)).isTrue();
            assertThat(users.delete(ada)).isFalse();
            assertThat(users.deleteById(grace.id())).isTrue();
            assertThat(users.deleteById(grace.id())).isFalse();
            assertThat(users.count()).isZero();
        }
    }

    @EveryEngine
    void findAllReturnsPagesInKeyOrder(TestDatabase db) {
        configure(db);
        try (Session s = DatabaseManager.getSession("main")) {
            CountryDao countries = new CountryDao(s);
            for (String code : new String[] {"PT", "AR", "NO", "JP", "CA"}) {
                countries.insert(new Country(code, "country " + code, code.charAt(0)));
            }
            Page<Country> first = countries.findAll(PageRequest.ofSize(2));
            assertThat(first.items()).extracting(Country::code).containsExactly("AR", "CA");
            assertThat(first.hasNext()).isTrue();
            Page<Country> second = countries.findAll(first.request().next());
            assertThat(second.items()).extracting(Country::code).containsExactly("JP", "NO");
            Page<Country> last = countries.findAll(second.request().next());
            assertThat(last.items()).extracting(Country::code).containsExactly("PT");
            assertThat(last.hasNext()).isFalse();
            assertThat(countries.findAll(PageRequest.of(5, 2)).items()).isEmpty();
        }
    }

    @EveryEngine
    void countCountsTheTable(TestDatabase db) {
        configure(db);
        try (Session s = DatabaseManager.getSession("main")) {
            UserDao users = new UserDao(s);
            assertThat(users.count()).isZero();
            users.insert(newUser("Ada", null));
            users.insert(newUser("Grace", null));
            assertThat(users.count()).isEqualTo(2);
        }
    }

    @EveryEngine
    void keysThatContradictTheAnnotationAreRefusedBeforeAnythingIsSent(TestDatabase db) {
        configure(db);
        try (Session s = DatabaseManager.getSession("main")) {
            UserDao users = new UserDao(s);
            assertThatThrownBy(() -> users.insert(new User(5L, "Ada", null, true, CREATED, null)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("The key of User is generated by the database")
                    .hasMessageContaining("id = 5");
            assertThatThrownBy(() -> users.update(newUser("Ada", null)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Cannot update a User whose key id is null");
            assertThatThrownBy(() -> users.delete(newUser("Ada", null)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Cannot delete a User whose key id is null");
            assertThat(users.count()).isZero();
        }
    }

    @EveryEngine
    void subclassQueriesAndCrudShareTheSessionsTransaction(TestDatabase db) {
        configure(db);
        try (Session s = DatabaseManager.getSession("main")) {
            UserDao users = new UserDao(s);
            User ada = users.insert(newUser("Ada", "ada@example.org"));
            assertThat(users.findByEmail("ada@example.org")).contains(ada);
            s.rollback();
            assertThat(users.findByEmail("ada@example.org")).isEmpty();
            assertThat(users.count()).isZero();
        }
    }
}
