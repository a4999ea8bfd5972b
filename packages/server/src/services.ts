import type { Kysely } from 'kysely';
import { FieldCipher } from './crypto/field-cipher';
import type { Engine } from './db/database';
import type { Database } from './db/schema';
import { AuditService } from './modules/audit/audit.service';
import { AuthService } from './modules/auth/auth.service';
import { DepartmentsService } from './modules/departments/departments.service';
import { ExchangeService } from './modules/exchange/exchange.service';
import { CatalogService } from './modules/governance/catalog.service';
import { ComparisonService } from './modules/governance/comparison.service';
import { VerificationService } from './modules/governance/verification.service';
import { ImportService } from './modules/imports/import.service';
import { PlacesService } from './modules/places/places.service';
import { PeopleExportService } from './modules/people/people-export.service';
import { PeopleService } from './modules/people/people.service';
import { RegionsService } from './modules/regions/regions.service';
import { SecurityPolicyService } from './modules/security-policy/security-policy.service';
import { UsersService } from './modules/users/users.service';
import { ApplicationFiles } from './modules/applications/application-files';
import { ApplicationsService } from './modules/applications/applications.service';
import { MattersService } from './modules/applications/matters.service';
import { PublicLookups } from './modules/applications/public-lookups';
import { IntakeService } from './modules/applications/intake.service';
import { ApplicationReportsService } from './modules/applications/reports.service';
import { ApplicationWriter } from './modules/applications/application-writer';
import { loadWorkCalendar } from './modules/calendar/work-calendar';
import { NotificationsService } from './modules/notifications/notifications.service';
import { smsSenderFrom, type SmsSender } from './modules/notifications/sms';
import type { WorkCalendar } from '@shequ/core';

export interface Services {
  db: Kysely<Database>;
  engine: Engine;
  cipher: FieldCipher;
  version: string;
  audit: AuditService;
  auth: AuthService;
  regions: RegionsService;
  departments: DepartmentsService;
  users: UsersService;
  securityPolicy: SecurityPolicyService;
  people: PeopleService;
  peopleExport: PeopleExportService;
  imports: ImportService;
  places: PlacesService;
  exchange: ExchangeService;
  catalog: CatalogService;
  verification: VerificationService;
  comparisons: ComparisonService;
  matters: MattersService;
  applications: ApplicationsService;
  applicationFiles: ApplicationFiles;
  publicLookups: PublicLookups;
  intake: IntakeService;
  applicationReports: ApplicationReportsService;
  notifications: NotificationsService;
  calendar: WorkCalendar;
}

/** What a deployment configures beyond the database: the holiday calendar, the SMS gateway. */
export interface ServiceOptions {
  calendar?: WorkCalendar;
  sms?: SmsSender;
}

/**
 * Wires every service to one database, one clock (tests pass a stepping clock) and one field
 * cipher (the CLI passes the deployment's data key; tests get a throw-away one).
 */
export function createServices(
  db: Kysely<Database>,
  engine: Engine,
  clock: () => Date = () => new Date(),
  cipher: FieldCipher = FieldCipher.ephemeral(),
  options: ServiceOptions = {},
): Services {
  const audit = new AuditService(db, clock);
  const catalog = new CatalogService(db, audit, clock);
  const verification = new VerificationService(db, audit, clock, cipher, catalog);
  const people = new PeopleService(db, audit, clock, cipher, verification);
  const calendar = options.calendar ?? loadWorkCalendar();
  const matters = new MattersService(db, audit, clock);
  const notifications = new NotificationsService(
    db,
    clock,
    cipher,
    options.sms ?? smsSenderFrom(process.env.SHEQU_SMS),
  );
  const writer = new ApplicationWriter(db, calendar, notifications, clock);
  const applications = new ApplicationsService(
    db,
    audit,
    clock,
    cipher,
    calendar,
    matters,
    verification,
    notifications,
    writer,
  );
  return {
    db,
    engine,
    cipher,
    version: '0.1.0',
    audit,
    auth: new AuthService(db, audit, clock, cipher),
    regions: new RegionsService(db, audit, clock),
    departments: new DepartmentsService(db, audit),
    users: new UsersService(db, audit, clock),
    securityPolicy: new SecurityPolicyService(db, audit, clock),
    people,
    peopleExport: new PeopleExportService(db, audit, clock, cipher, people),
    imports: new ImportService(db, audit, clock, cipher),
    places: new PlacesService(db, audit, clock, cipher),
    exchange: new ExchangeService(db, audit, clock, cipher),
    catalog,
    verification,
    comparisons: new ComparisonService(db, audit, clock, cipher, catalog, verification),
    matters,
    notifications,
    calendar,
    applications,
    applicationFiles: new ApplicationFiles(db, audit, clock, applications, matters),
    publicLookups: new PublicLookups(db, audit, clock, cipher, matters),
    applicationReports: new ApplicationReportsService(db, audit, clock),
    intake: new IntakeService(
      db,
      audit,
      clock,
      cipher,
      calendar,
      matters,
      catalog,
      people,
      notifications,
      writer,
    ),
  };
}
