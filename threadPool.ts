// Imported first by index.ts: libuv sizes its thread pool on first use, from this variable.
// Image decoding (sharp, at most IMAGE_DECODE_CONCURRENCY at once), password hashing (scrypt)
// and file access share the pool; Node's default of 4 lets two big photos and two logins fill
// it. Eight leaves password hashing its own threads while images decode. An explicit
// UV_THREADPOOL_SIZE in the environment wins.
process.env.UV_THREADPOOL_SIZE ??= '8';

export {};
