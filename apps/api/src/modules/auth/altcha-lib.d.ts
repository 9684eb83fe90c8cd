// The API compiles with moduleResolution Node10, which does not read package.json "exports"; Node does at
// run time (and loads altcha-lib's CommonJS build). These declarations point the compiler at the same files.
declare module 'altcha-lib' {
  export * from 'altcha-lib/dist/cjs/v2/index';
}
declare module 'altcha-lib/algorithms/pbkdf2' {
  export * from 'altcha-lib/dist/cjs/v2/algorithms/pbkdf2';
}
