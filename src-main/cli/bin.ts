import { runCli } from './main';

// `supplygrid offers | head` closes our stdout early; that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`supplygrid: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
