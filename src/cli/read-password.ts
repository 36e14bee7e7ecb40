// A password from the terminal (asked twice, not echoed) or from stdin when it is not a terminal; never an argument.
import readline from 'node:readline';

/** Longest password accepted (scrypt hashes any length; this bounds what a pipe can make us hold). */
export const PASSWORD_MAX_CHARS = 1024;

async function readStdinLine(): Promise<string> {
  let data = '';
  for await (const chunk of process.stdin) {
    data += chunk;
    if (data.length > PASSWORD_MAX_CHARS + 2) break;
  }
  return data.split(/\r?\n/)[0] ?? '';
}

function ask(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    let muted = false;
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
    // Echo nothing while the password is typed.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (!muted) write(s);
    };
    rl.question(prompt, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

/** The new password, or an Error saying why it cannot be used. */
export async function readNewPassword(): Promise<string | Error> {
  let password: string;
  if (process.stdin.isTTY) {
    password = await ask('Password: ');
    if ((await ask('Again: ')) !== password) return new Error('the two passwords differ');
  } else {
    password = await readStdinLine();
  }
  if (password.length < 8) return new Error('a password has at least 8 characters');
  if (password.length > PASSWORD_MAX_CHARS) return new Error(`a password has at most ${PASSWORD_MAX_CHARS} characters`);
  return password;
}
