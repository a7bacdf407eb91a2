// Entry point of the `medk` command line (bin/medk.mjs runs it through tsx).
import { AppError, ValidationError, ConflictError } from '../../domain/errors.js';
import {
  CliError,
  commandHelp,
  createIo,
  detectLang,
  EXIT_ERROR,
  EXIT_OK,
  EXIT_USAGE,
  findCommand,
  generalHelp,
  parseCommandArgs,
  UsageError,
  type Command,
  type Io,
} from './cli.js';

// Command groups by their first word, loaded on demand: `medk roadmap parse` never loads the database drivers.
const GROUPS: Record<string, () => Promise<Command[]>> = {
  roadmap: async () => (await import('./roadmap.js')).roadmapCommands,
  territories: async () => (await import('./territories.js')).territoriesCommands,
  users: async () => (await import('./users.js')).usersCommands,
  backup: async () => (await import('./backup.js')).backupCommands,
  restore: async () => (await import('./backup.js')).backupCommands,
  demo: async () => (await import('./data.js')).dataCommands,
  synth: async () => (await import('./data.js')).dataCommands,
  migrate: async () => (await import('./ops.js')).opsCommands,
  doctor: async () => (await import('./ops.js')).opsCommands,
};

async function loadCommands(word?: string): Promise<Command[]> {
  const load = word ? GROUPS[word] : undefined;
  if (load) return load();
  const all = await Promise.all([...new Set(Object.values(GROUPS))].map((g) => g()));
  return [...new Set(all.flat())];
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const io = createIo(detectLang(argv, env), env);
  // Only --lang may come before the command words.
  const start = argv[0] === '--lang' ? 2 : argv[0]?.startsWith('--lang=') ? 1 : 0;
  const rest = argv.slice(start);
  const first = rest[0];
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    const topic = first === 'help' ? rest.slice(1) : [];
    const commands = await loadCommands(topic[0]);
    const { command } = findCommand(commands, topic);
    io.out(command ? commandHelp(io, command) : generalHelp(io, commands, topic[0] && GROUPS[topic[0]] ? topic[0] : undefined));
    return EXIT_OK;
  }
  const commands = await loadCommands(first);
  const { command, used } = findCommand(commands, rest);
  if (!command) {
    const inGroup = commands.filter((c) => c.name.startsWith(`${first} `));
    if (GROUPS[first] && inGroup.length) {
      const sub = rest[1];
      const asksHelp = sub === undefined || sub === '--help' || sub === '-h';
      if (!asksHelp) io.err(io.t(`Неизвестная команда: ${first} ${sub}`, `Unknown command: ${first} ${sub}`));
      io.out(generalHelp(io, commands, first));
      return asksHelp ? EXIT_OK : EXIT_USAGE;
    }
    io.err(io.t(`Неизвестная команда: ${first}. Список команд: medk --help`, `Unknown command: ${first}. Commands: medk --help`));
    return EXIT_USAGE;
  }
  try {
    const args = parseCommandArgs(io, command, rest.slice(used));
    if (args.values.help) {
      io.out(commandHelp(io, command));
      return EXIT_OK;
    }
    return (await command.run(io, args)) ?? EXIT_OK;
  } catch (error) {
    return report(io, command, error);
  }
}

function report(io: Io, command: Command, error: unknown): number {
  if (error instanceof UsageError) {
    io.err(`${io.t('Ошибка', 'Error')}: ${error.message}`);
    io.err(io.t(`Справка: medk ${command.name} --help`, `Help: medk ${command.name} --help`));
    return EXIT_USAGE;
  }
  if (error instanceof CliError) {
    io.err(`${io.t('Ошибка', 'Error')}: ${error.message}`);
    for (const line of error.details) io.err(`  ${line}`);
    return EXIT_ERROR;
  }
  if (error instanceof AppError) {
    // Service errors carry Russian messages and exact field paths (the same as the API's error body).
    io.err(`${io.t('Ошибка', 'Error')} (${error.code}): ${error.message}`);
    const fields = error instanceof ValidationError || error instanceof ConflictError ? error.fields : [];
    for (const f of fields) io.err(`  ${f.path}: ${f.message}`);
    return EXIT_ERROR;
  }
  const e = error as Error;
  io.err(`${io.t('Ошибка', 'Error')}: ${e?.message ?? String(error)}`);
  if (io.env.MEDK_DEBUG) io.err(e?.stack ?? '');
  else io.err(io.t('Подробности: повторите с MEDK_DEBUG=1', 'Details: run again with MEDK_DEBUG=1'));
  return EXIT_ERROR;
}

// `medk … | head`: a reader that stops early closes the pipe; end quietly instead of an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK);
  });
}

// Run when executed directly (bin/medk.mjs imports this file after registering tsx).
const code = await main(process.argv.slice(2));
// Let stdout/stderr drain, then exit (open handles such as a pg pool must not keep the process alive).
process.exitCode = code;
setImmediate(() => process.exit(code));
