// How a long-running command (`berth ui`, `berth events --follow`) waits to be stopped.

/**
 * waitForStop resolves on the first Ctrl-C or SIGTERM; the handlers are removed then, so a second one
 * falls through to Node's default and ends the process even if closing hangs.
 */
export function waitForStop(): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
