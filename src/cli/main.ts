// `npx ivareta <command>`: the command-line contract other tools rely on (DESIGN §5, §7).
// Commands import their code lazily, so that each starts fast.

const USAGE = `Usage: ivareta <command>

Commands:
  ask "question"         Answer a protocol question from the curated content, with its source
  ask --json             Read one question per line on stdin, print one JSON answer per line
                         (option --locale nb|sv|da|en: the language when a question's is unclear)
  content check [dir]    Validate the content base (errors exit 1; warnings such as overdue reviews exit 0)
  config check [file]    Validate the organisation config (default: $IVARETA_CONFIG)
  data export --user ID  Print as JSON everything held about a person (option --channel teams|slack)
  data erase --user ID   Erase a person's data (asks to confirm with --yes; the erasure is audited).
                         Both use DATABASE_URL, else DATA_DIR (stop the bot first: one process per DATA_DIR)
  outbox dead [--json]   List the messages given up on (left the tenant, bot blocked, in doubt), with the reason
  help                   Show this help
`;

type Out = { out: (s: string) => void; err: (s: string) => void; stdin?: NodeJS.ReadableStream };
const stdio: Out = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

export async function main(argv: string[], io: Out = stdio): Promise<number> {
  const [cmd, sub, arg] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    io.out(USAGE);
    return 0;
  }
  if (cmd === 'ask') {
    const { runAsk } = await import('../search/cli.ts');
    return runAsk(argv.slice(1), io);
  }
  if (cmd === 'content' && sub === 'check') {
    const { runContentCheck } = await import('../search/cli.ts');
    return runContentCheck(argv.slice(2), io);
  }
  if (cmd === 'outbox') {
    const { runOutbox } = await import('./outbox.ts');
    return runOutbox(argv.slice(1), io);
  }
  if (cmd === 'data') {
    const { runData } = await import('./data.ts');
    return runData(argv.slice(1), io);
  }
  if (cmd === 'config' && sub === 'check') {
    const { ConfigError, loadOrgConfig } = await import('../config/org-config.ts');
    const file = arg ?? process.env.IVARETA_CONFIG;
    try {
      loadOrgConfig(file);
      io.out(file ? `${file}: ok\n` : 'no config file set (IVARETA_CONFIG): defaults are valid\n');
      return 0;
    } catch (e) {
      if (e instanceof ConfigError) {
        io.err(`${e.message}\n`);
        return 1;
      }
      throw e;
    }
  }
  io.err(`Unknown command: ${argv.join(' ')}\n\n${USAGE}`);
  return 2;
}
