/** Entry point of the `salesmatrix` command (see bin/salesmatrix.js and `npm start`). */
import { runCli } from './run-cli.js'

process.exitCode = await runCli(process.argv.slice(2))
