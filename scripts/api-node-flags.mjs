// The node flags the API runs with wherever it is started for real: `npm start` and the Docker image set them
// as NODE_OPTIONS unless the operator set their own (scripts/compose-check.mjs checks the image agrees), and
// the benchmark passes them by default, so that what it measures is what ships (scripts/bench/compare.mjs;
// `--api-node-options` replaces them there).
//
// --max-old-space-size=1024 caps V8's old generation at 1 GiB. Below 2 GiB V8 also lets the heap grow to a
// smaller multiple of the live data before a full collection (about 1.6x instead of 4x). Measured with
// `compare.mjs --memory-only`, 60 s of mixed load, alternating (issue 18): RSS 245 and 244 MB after load
// (peaks 253) against 348 and 387 MB without (peaks 404 and 387); about 3-5 % more API CPU per request on the
// point read and the register save, none measurable on the payment. The API then held about 65 MB live, now
// about 48 (README, "Memory"); 1 GiB is the limit a 4 GiB machine gives node by default.
export const API_NODE_FLAGS = ['--max-old-space-size=1024'];
