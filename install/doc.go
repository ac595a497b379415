// Package install writes and removes gopar's Jupyter kernelspec, the small
// directory that tells Jupyter how to start the gopar kernel.
//
// A kernelspec is a directory named after the kernel (by default "gopar")
// inside a "kernels" directory that Jupyter searches. It holds:
//
//   - kernel.json: the command line Jupyter runs to start the kernel
//     (the absolute path of the gopar binary followed by
//     "kernel -f {connection_file}"), the display name and the language;
//   - logo-32x32.png and logo-64x64.png: the logo shown by the notebook
//     launcher;
//   - logo-svg.svg: the same logo as a vector image.
//
// Where the directory goes is chosen by [Options]: the user's Jupyter data
// directory (see [DataDir]), PREFIX/share/jupyter/kernels, or the same under
// the sys.prefix of the Python installation that runs Jupyter.
//
// The SVG logo is a hand-written file embedded in the binary. The two PNG
// logos are not stored anywhere: [Install] draws them at install time with
// image/draw, supersampling each pixel to anti-alias the shapes, and encodes
// them with image/png. The output is deterministic.
package install
