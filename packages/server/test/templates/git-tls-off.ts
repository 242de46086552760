/**
 * Imported first by tests that push to the HTTPS git server of `https-git.ts`, whose
 * certificate is self-signed: the server's git module copies the environment it runs git with
 * when it loads, so this must be set before that.
 */
process.env.GIT_SSL_NO_VERIFY = '1';
