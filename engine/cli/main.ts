/**
 * The `baton` command line (bin/baton.js runs it with tsx). Each command is a function returning its
 * exit code, so tests and other tools can call it without a process.
 *   baton validate [dir]   check a flows folder (default BATON_FLOWS_DIR or ./flows)
 *   baton test [dir]       run the flows' own tests
 *   baton flows list | publish [dir] | rollback <version>
 *   baton operators list | add | set | reset-password | deactivate
 *   baton analytics rollup --from YYYY-MM-DD --to YYYY-MM-DD
 */
import { didYouMean } from '../domain/flow/validation/did-you-mean.ts';
import { runAnalyticsCommand } from './analytics-command.ts';
import { runFlowsCommand } from './flows-command.ts';
import { runOperatorsCommand } from './operators-command.ts';
import { runFlowTestsCommand } from './test-command.ts';
import { runValidateCommand } from './validate-command.ts';

const usage = `usage: baton <command>
  baton validate [dir]                    check the flows in dir (default: BATON_FLOWS_DIR or ./flows)
  baton test [dir]                        run the tests written in the flows
  baton flows list | publish [dir] | rollback <version>
  baton operators list | add <email> | set <email> | reset-password <email> | deactivate <email>
  baton analytics rollup --from YYYY-MM-DD --to YYYY-MM-DD   roll up finished days (backfill)
`;

const defaultDir = (): string => process.env.BATON_FLOWS_DIR ?? './flows';

const commands: Record<string, (args: string[]) => Promise<number>> = {
  validate: (args) => runValidateCommand(args[0] ?? defaultDir()),
  test: (args) => runFlowTestsCommand(args[0] ?? defaultDir()),
  flows: (args) => runFlowsCommand(args),
  operators: (args) => runOperatorsCommand(args),
  analytics: (args) => runAnalyticsCommand(args),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`baton: unknown command "${name}"${didYouMean(name, Object.keys(commands))}\n${usage}`);
    return 2;
  }
  return command(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`baton: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
