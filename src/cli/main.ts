// `npx ivareta <command>`: the command-line contract other tools rely on (DESIGN §7).
import { ConfigError, loadOrgConfig } from '../config/org-config.ts';

const USAGE = `Usage: ivareta <command>

Commands:
  config check [file]   Validate the organisation config (default: $IVARETA_CONFIG)
  help                  Show this help
`;

type Out = { out: (s: string) => void; err: (s: string) => void };
const stdio: Out = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

export async function main(argv: string[], io: Out = stdio): Promise<number> {
  const [cmd, sub, arg] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    io.out(USAGE);
    return 0;
  }
  if (cmd === 'config' && sub === 'check') {
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
