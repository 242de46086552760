/**
 * Reading a password: typed at a terminal without echo, or piped on standard input
 * (`--password-stdin`, for scripts: never as an argument, where `ps` and shell history see it).
 */
import { readFileSync } from 'node:fs';
import { SlipwayError } from '@slipway/core';

/** The whole of standard input, without the line break `echo` adds. */
export function passwordFromStdin(): string {
  const text = readFileSync(0, 'utf8').replace(/\r?\n$/, '');
  if (text === '') throw new SlipwayError('invalid_input', 'No password on standard input');
  return text;
}

/** Asks on the terminal, echoing nothing; Ctrl-C or Ctrl-D gives up. */
export function promptPassword(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    throw new SlipwayError('invalid_input', 'No terminal to ask for the password on', {
      hint: 'Pipe it in with --password-stdin, e.g. `slipway login --username NAME --password-stdin < file`.',
    });
  }
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: SlipwayError) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003' || char === '\u0004') return finish(new SlipwayError('invalid_input', 'Cancelled'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    input.on('data', onData);
  });
}
