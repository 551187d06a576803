/**
 * Files: reading many files at once and walking folders, safely.
 *
 * <ul>
 *   <li>{@link dev.whitemagic.engine.files.ParallelFileReader} reads a batch of files into
 *       {@link dev.whitemagic.engine.files.FileResult}s: in input order, streamed as they
 *       complete, with progress and cancel; a fixed worker count, a tier, or the adaptive
 *       controller's choice.
 *   <li>{@link dev.whitemagic.engine.files.FileScanner} walks folders in parallel with globs,
 *       extensions, depth, hidden files, {@code .gitignore}/{@code .ignore} rules and the usual
 *       build folders skipped, into a {@link dev.whitemagic.engine.files.ScanResult}.
 *   <li>{@link dev.whitemagic.engine.files.ConfinedFolder} confines writes to one folder: no
 *       absolute paths, no {@code ..}, no symbolic link leading out (pipelines' write-file stage,
 *       the MCP server's tools).
 * </ul>
 *
 * <p>Bad input never throws and never hangs: FIFOs, sockets and devices are never opened, link
 * loops are reported, large files are bounded; each problem is a value with a one-sentence
 * message ({@link dev.whitemagic.engine.files.FileResult#error()},
 * {@link dev.whitemagic.engine.files.ScanProblem}).
 *
 * <pre>{@code
 * ParallelFileReader reader = new ParallelFileReader(engine.ioExecutor(), engine.adaptive());
 * ScanResult scan = FileScanner.defaults().withExtensions(List.of("java", "md")).scan(root);
 *
 * BatchHandle<FileResult> run = reader.start(scan.files());
 * while (!run.isDone()) {
 *     Progress p = run.progress();            // files, bytes, rate, ETA
 *     ...
 * }
 * for (FileResult r : run.result().join()) {  // input order
 *     if (!r.success()) System.err.println(r.path() + ": " + r.error());
 * }
 * }</pre>
 */
package dev.whitemagic.engine.files;
