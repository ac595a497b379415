// Package kernel is gopar's Jupyter kernel: it serves the messaging
// protocol (through package wire) and hands cells to an Interpreter.
//
// Shell requests are served one at a time in arrival order; control
// requests (interrupt, shutdown) on a goroutine of their own, so that they
// work while a cell runs. Each reply goes out on the socket its request
// came in on, and every request is framed by busy and idle on iopub, idle
// only after all of the request's output.
//
// An [Executor] runs cells the same way with no front end and no sockets,
// handing each cell's output to an [Outputs]: `gopar run` executes
// notebooks with it.
package kernel
