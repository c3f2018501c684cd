// Preloaded into a benchmarked process (node --import): prints its peak memory and the CPU time
// it used (user + system; on a loaded machine a steadier measure than wall time) on exit.
process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write(`\nBENCH_MAX_RSS_KB=${u.maxRSS}\nBENCH_CPU_US=${u.userCPUTime + u.systemCPUTime}\n`);
});
