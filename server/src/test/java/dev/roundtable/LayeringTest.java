package dev.roundtable;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.roundtable.room.RoomClient;
import dev.roundtable.room.RoomRefusal;
import dev.roundtable.room.RoomService;
import dev.roundtable.room.RoomSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/ARCHITECTURE.md ("Code map"), checked on the compiled main classes, so that a change
 * that breaks it fails the build instead of eroding the structure one import at a time.
 */
@DisplayName("The server's layers")
class LayeringTest {
  private static final String ROOT = "dev.roundtable";
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
  }

  @Test
  @DisplayName("the domain depends on java.* and itself only: no Vert.x, no store, no clock")
  void domainIsPure() {
    classes().that().resideInAPackage(ROOT + ".domain..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", ROOT + ".domain..")
        .check(main);
  }

  @Test
  @DisplayName("the notifications' core depends on java.* (and the JDK's HMAC), the domain's types and itself only")
  void notifyCoreIsPure() {
    classes().that().resideInAPackage(ROOT + ".notify.core..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", ROOT + ".domain..",
            ROOT + ".notify.core..")
        .check(main);
  }

  @Test
  @DisplayName("the series core depends on java.* and the pure domain only: no Vert.x, no store, no calendar library")
  void seriesCoreIsPure() {
    classes().that().resideInAPackage(ROOT + ".series.core..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", ROOT + ".series.core..", ROOT + ".domain..")
        .check(main);
  }

  @Test
  @DisplayName("the action tracker's core depends on java.* and the pure domain only: no Vert.x, no store, no series")
  void trackerCoreIsPure() {
    classes().that().resideInAPackage(ROOT + ".tracker.core..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", ROOT + ".tracker.core..", ROOT + ".domain..")
        .check(main);
  }

  @Test
  @DisplayName("the review's rules depend on java.*, the pure domain and themselves only")
  void reviewRulesArePure() {
    classes().that().resideInAPackage(ROOT + ".review.core..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", ROOT + ".review.core..", ROOT + ".domain..")
        .check(main);
  }

  @Test
  @DisplayName("the job queue's rules depend on java.* and themselves only")
  void jobRulesArePure() {
    classes().that().resideInAPackage(ROOT + ".jobs.core..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", ROOT + ".jobs.core..")
        .check(main);
  }

  @Test
  @DisplayName("the store never imports the domain, the protocol, the rooms or the web edge")
  void storeKnowsNoDomain() {
    noClasses().that().resideInAPackage(ROOT + ".store..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".domain..", ROOT + ".protocol..",
            ROOT + ".room..", ROOT + ".web..", ROOT + ".export..")
        .check(main);
  }

  @Test
  @DisplayName("the web edge reaches rooms only through the room client and the room service (and its types), never the store")
  void webReachesRoomsThroughTheClient() {
    noClasses().that().resideInAPackage(ROOT + ".web..")
        .should().dependOnClassesThat().resideInAPackage(ROOT + ".store..")
        .check(main);
    noClasses().that().resideInAPackage(ROOT + ".web..")
        .should().dependOnClassesThat(resideInAPackage(ROOT + ".room..")
            .and(not(belongToAnyOf(RoomClient.class, RoomService.class, RoomSummary.class, RoomRefusal.class))))
        .check(main);
  }

  @Test
  @DisplayName("the protocol and the exports never reach up into rooms or the web edge")
  void protocolAndExportStayLow() {
    noClasses().that().resideInAnyPackage(ROOT + ".protocol..", ROOT + ".export..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".room..", ROOT + ".web..", ROOT + ".store..")
        .check(main);
  }

  @Test
  @DisplayName("rooms never reach up into the web edge")
  void roomsKnowNoWeb() {
    noClasses().that().resideInAPackage(ROOT + ".room..")
        .should().dependOnClassesThat().resideInAPackage(ROOT + ".web..")
        .check(main);
  }

  @Test
  @DisplayName("no two packages depend on each other")
  void packagesAreFreeOfCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(main);
  }
}
