// The command-line framework of `medk`: commands, bilingual messages, argument parsing, output and exit codes.
// Commands live one group per file (roadmap.ts, territories.ts, users.ts, backup.ts, data.ts, ops.ts) and call
// the same services as the HTTP API; this file knows nothing about any of them.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type Lang = 'ru' | 'en';

/** Exit codes: 0 success, 1 an error (invalid data, failed check, refused action), 2 wrong usage. */
export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;

/** Wrong arguments: printed with a hint to `--help`, exit code 2. */
export class UsageError extends Error {}

/** A refusal or failure the user can act on: printed as is (no stack), exit code 1. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

export interface Io {
  lang: Lang;
  /** Pick the message in the user's language. */
  t(ru: string, en: string): string;
  /** A line (or lines) to standard output. */
  out(text?: string): void;
  /** A line to standard error (progress, warnings, errors). */
  err(text?: string): void;
  env: NodeJS.ProcessEnv;
  stderrIsTty: boolean;
}

export interface Command {
  /** 'roadmap parse', 'backup'. */
  name: string;
  summary: [ru: string, en: string];
  /** Arguments after the command name, e.g. 'FILE [--json]'. */
  usage: string;
  /** Option lines for --help: [flag, ru, en]. */
  optionHelp?: [string, string, string][];
  /** Extra paragraphs for --help (examples, notes): [ru, en]. */
  notes?: [string, string][];
  options?: Options;
  positionals?: { min: number; max: number; names: string };
  run(io: Io, args: { values: Values; positionals: string[] }): Promise<number | void>;
}

const COMMON_OPTIONS: Options = {
  help: { type: 'boolean', short: 'h' },
  lang: { type: 'string' },
};

/** --lang wins; otherwise LC_ALL / LC_MESSAGES / LANG starting with "en" switch to English. Russian by default. */
export function detectLang(argv: readonly string[], env: NodeJS.ProcessEnv): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') break;
    const value = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice('--lang='.length) : undefined;
    if (value !== undefined) return value.toLowerCase().startsWith('en') ? 'en' : 'ru';
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('en') ? 'en' : 'ru';
}

export function createIo(lang: Lang, env: NodeJS.ProcessEnv = process.env): Io {
  return {
    lang,
    t: (ru, en) => (lang === 'en' ? en : ru),
    out: (text = '') => {
      process.stdout.write(`${text}\n`);
    },
    err: (text = '') => {
      process.stderr.write(`${text}\n`);
    },
    env,
    stderrIsTty: Boolean(process.stderr.isTTY),
  };
}

/** Find the command named by the first one or two words. */
export function findCommand(commands: readonly Command[], words: readonly string[]): { command?: Command; used: number } {
  const two = words.slice(0, 2).join(' ');
  const byTwo = commands.find((c) => c.name === two);
  if (byTwo) return { command: byTwo, used: 2 };
  const byOne = commands.find((c) => c.name === words[0]);
  if (byOne) return { command: byOne, used: 1 };
  return { used: 0 };
}

export function commandHelp(io: Io, command: Command): string {
  const lines = [
    `${io.t('Использование', 'Usage')}: medk ${command.name}${command.usage ? ` ${command.usage}` : ''}`,
    '',
    io.t(command.summary[0], command.summary[1]),
  ];
  const options: [string, string, string][] = [
    ...(command.optionHelp ?? []),
    ['--lang ru|en', 'язык сообщений (по умолчанию русский; LANG=en… — английский)', 'message language (Russian by default; LANG=en… — English)'],
    ['-h, --help', 'эта справка', 'this help'],
  ];
  const width = Math.max(...options.map(([flag]) => flag.length));
  lines.push('', `${io.t('Параметры', 'Options')}:`);
  for (const [flag, ru, en] of options) lines.push(`  ${flag.padEnd(width)}  ${io.t(ru, en)}`);
  for (const [ru, en] of command.notes ?? []) lines.push('', io.t(ru, en));
  return lines.join('\n');
}

export function generalHelp(io: Io, commands: readonly Command[], group?: string): string {
  const shown = group ? commands.filter((c) => c.name.startsWith(`${group} `)) : commands;
  const lines = [
    io.t(
      'МЭДК — командная строка администратора (те же правила и проверки, что в веб-интерфейсе).',
      'MEDK — administrator command line (the same rules and checks as the web UI).',
    ),
    '',
    `${io.t('Использование', 'Usage')}: medk ${group ?? io.t('<команда>', '<command>')} ${io.t('[параметры]', '[options]')}`,
    '',
    `${io.t('Команды', 'Commands')}:`,
  ];
  for (const c of shown) lines.push(`  medk ${`${c.name} ${c.usage}`.trim()}`, `      ${io.t(c.summary[0], c.summary[1])}`);
  lines.push(
    '',
    io.t(
      'Справка по команде: medk <команда> --help. Язык: --lang en (или LANG=en_US.UTF-8). Настройки берутся из окружения, как у сервера: DATABASE_URL, MEDK_DATA_DIR и др.',
      'Help on a command: medk <command> --help. Language: --lang ru (Russian is the default). Settings come from the environment, as for the server: DATABASE_URL, MEDK_DATA_DIR, etc.',
    ),
  );
  return lines.join('\n');
}

/** Parse the command's own arguments (strict: unknown options are usage errors). */
export function parseCommandArgs(io: Io, command: Command, argv: string[]): { values: Values; positionals: string[] } {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...COMMON_OPTIONS, ...(command.options ?? {}) },
      allowPositionals: true,
      strict: true,
    }) as { values: Values; positionals: string[] };
  } catch (error) {
    throw new UsageError(translateParseError(io, (error as Error).message));
  }
  if (parsed.values.help) return parsed;
  const { min, max } = command.positionals ?? { min: 0, max: 0, names: '' };
  if (parsed.positionals.length < min) {
    throw new UsageError(io.t(`Не указано: ${command.positionals?.names}`, `Missing: ${command.positionals?.names}`));
  }
  if (parsed.positionals.length > max) {
    const extra = parsed.positionals.slice(max).join(' ');
    throw new UsageError(io.t(`Лишние аргументы: ${extra}`, `Unexpected arguments: ${extra}`));
  }
  return parsed;
}

function translateParseError(io: Io, message: string): string {
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return io.t(`Неизвестный параметр ${unknown[1]}`, `Unknown option ${unknown[1]}`);
  const missing = /Option '([^']+)' argument missing/.exec(message);
  if (missing) return io.t(`У параметра ${missing[1]} нет значения`, `Option ${missing[1]} needs a value`);
  const typed = /Option '([^']+?)(?: <value>)?' argument ambiguous|Option '([^']+)' does not take an argument/.exec(message);
  if (typed) {
    const name = typed[1] ?? typed[2];
    return io.t(`Параметр ${name} задан неверно`, `Option ${name} is used wrongly`);
  }
  return message;
}

// ——— small helpers for commands ———

export function stringOption(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function requireOption(io: Io, values: Values, name: string): string {
  const v = stringOption(values, name);
  if (v === undefined || v.trim() === '') {
    throw new UsageError(io.t(`Укажите --${name}`, `Specify --${name}`));
  }
  return v;
}

export function intOption(io: Io, values: Values, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const v = stringOption(values, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(
      io.t(`--${name}: нужно целое число от ${min} до ${max}`, `--${name}: expected an integer from ${min} to ${max}`),
    );
  }
  return n;
}

/** 12 345 / 12,345. */
export function formatCount(io: Io, n: number): string {
  return n.toLocaleString(io.lang === 'en' ? 'en-US' : 'ru-RU');
}

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
