// berth: the command-line front of the engine. Errors end in one line on stderr and a non-zero exit code.

import { Command, CommanderError, Option } from 'commander';
import { isRegistryError } from '../../shared/errors';
import { visibleText } from '../../shared/safe-text';
import { repos, tags } from './commands';
import { type ConnectionFlags, cliHint } from './connect';
import { registerEvents } from './events';
import { registerEventsExportImport } from './events-export-import';
import { type InspectFlags, inspect } from './inspect';
import { registerReplication } from './replication-status';
import { registerStore } from './store-command';
import { quietOnClosedOutput } from './table';
import { registerTransfer } from './transfer';
import { registerUi } from './ui';

declare const BERTH_VERSION: string;

function withConnectionOptions(cmd: Command): Command {
  return cmd
    .option('--json', 'print JSON for scripts instead of a table')
    .option(
      '-u, --username <name>',
      'sign in with this username (password from --password-stdin or BERTH_PASSWORD)',
    )
    .option('--password-stdin', 'read the password (or token) from standard input')
    .option('--insecure', 'use plain http for a registry that is not on this computer')
    .option('--ca-file <file>', 'trust this CA certificate (PEM) in addition to the system ones')
    .option('--skip-tls-verify', "https without checking the registry's certificate (unsafe; warns each run)")
    .addOption(new Option('--concurrency <n>', 'requests in flight at once').default('8'))
    .addOption(new Option('--timeout <seconds>', 'give up on a request after this long').default('30'));
}

/** program builds the command tree; exported for tests of the argument handling. */
export function program(): Command {
  const p = new Command('berth')
    .description(
      'Browse container registries: repositories, tags, which tags are the same image, image details.',
    )
    .version(typeof BERTH_VERSION === 'string' ? BERTH_VERSION : 'dev', '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    // Options after a subcommand belong to it: `berth events export --store X` is export's --store.
    .enablePositionalOptions()
    .addHelpText(
      'after',
      `
Credentials come from --username/--password-stdin, BERTH_USERNAME/BERTH_PASSWORD, or Docker's config.json.

Examples:
  berth repos localhost:5000
  berth tags localhost:5000/app --json
  berth inspect registry.example.com/team/app:1.0`,
    );
  withConnectionOptions(
    p
      .command('repos')
      .argument('<registry>', 'registry address, e.g. localhost:5000')
      .description("list a registry's repositories"),
  ).action((target: string, flags: ConnectionFlags) => repos(target, flags));
  withConnectionOptions(
    p
      .command('tags')
      .argument('<repository>', 'e.g. localhost:5000/team/app')
      .description('list tags with digests, grouped by image'),
  ).action((target: string, flags: ConnectionFlags) => tags(target, flags));
  withConnectionOptions(
    p
      .command('inspect')
      // Optional only because `--raw IMAGE` hands the image to --raw; inspect() asks for it when missing.
      .argument('[image]', 'e.g. localhost:5000/app:1.0 or localhost:5000/app@sha256:…')
      .description('show an image: platforms, layers, sizes, config, history')
      .option('--platform <os/arch[/variant]>', 'of a multi-platform image, show the one for this platform')
      .addOption(
        new Option(
          '--raw [part]',
          'print the manifest exactly as the registry stores it; "--raw config": the config blob',
        ).conflicts('json'),
      ),
  ).action((target: string | undefined, flags: InspectFlags) => inspect(target, flags));
  registerUi(p);
  registerEvents(p);
  registerTransfer(p);
  registerEventsExportImport(p);
  registerStore(p);
  registerReplication(p);
  return p;
}

async function main(): Promise<void> {
  quietOnClosedOutput();
  const p = program().exitOverride();
  try {
    await p.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    if (isRegistryError(err)) {
      // Messages can quote what a registry sent (a tag, its error text): show, never obey, its controls.
      const hint = cliHint(err, p.args[0]);
      process.stderr.write(`berth: ${visibleText(err.message)}\n${hint ? `berth: ${hint}\n` : ''}`);
      process.exitCode = err.code === 'INVALID_INPUT' ? 2 : 1;
      return;
    }
    process.stderr.write(
      `berth: unexpected error: ${visibleText(err instanceof Error ? err.message : String(err))}\n`,
    );
    process.exitCode = 1;
  }
}

void main();
