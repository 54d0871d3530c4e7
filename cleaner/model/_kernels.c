/* The learned model's two inner loops in C: walking boosted trees and adding up lexical weights.
 *
 * Optional: when this extension did not build, cleaner/model/kernels.py runs the same loops with numpy.
 * Both give the same numbers bit for bit: the same float32 comparisons in the walk, and the lexical sums
 * add the same float64 terms in the same order as numpy's bincount (bias first, then the terms in the
 * design's order). Built with -ffp-contract=off so that no product and sum are fused into one rounding.
 * Arrays come in through the buffer protocol (numpy arrays, C-contiguous), so no numpy headers are needed
 * to build it.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>

/* Rows walked down a tree side by side (see leaves). */
#define WALK_BLOCK 32
/* Design entries ahead of the one being added whose weights are fetched into the cache meanwhile. */
#define LEXICAL_AHEAD 8

/* A read or written buffer with the item size the caller promised; 0 on success. */
static int get(PyObject *obj, Py_buffer *view, Py_ssize_t itemsize, int writable, const char *name) {
    int flags = PyBUF_C_CONTIGUOUS | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(obj, view, flags) < 0) {
        return -1;
    }
    if (view->itemsize != itemsize) {
        PyErr_Format(PyExc_TypeError, "%s: items of %zd bytes expected, got %zd", name, itemsize, view->itemsize);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

/* leaves(x, width, roots, feature, threshold, left, depth, out): the leaf each row of x (float32,
 * rows x width) reaches in each tree, written to out (intp, rows x trees). A node's right child is its
 * left child + 1; a row goes right when its value is greater than the node's threshold. */
static PyObject *leaves(PyObject *self, PyObject *args) {
    PyObject *ox, *oroots, *ofeature, *othreshold, *oleft, *oout;
    Py_ssize_t width;
    int depth;
    if (!PyArg_ParseTuple(args, "OnOOOOiO", &ox, &width, &oroots, &ofeature, &othreshold, &oleft, &depth, &oout)) {
        return NULL;
    }
    Py_buffer x, roots, feature, threshold, left, out;
    if (get(ox, &x, sizeof(float), 0, "x") < 0) return NULL;
    if (get(oroots, &roots, sizeof(Py_ssize_t), 0, "roots") < 0) goto fail_x;
    if (get(ofeature, &feature, sizeof(Py_ssize_t), 0, "feature") < 0) goto fail_roots;
    if (get(othreshold, &threshold, sizeof(float), 0, "threshold") < 0) goto fail_feature;
    if (get(oleft, &left, sizeof(Py_ssize_t), 0, "left") < 0) goto fail_threshold;
    if (get(oout, &out, sizeof(Py_ssize_t), 1, "out") < 0) goto fail_left;

    Py_ssize_t trees = roots.len / (Py_ssize_t)sizeof(Py_ssize_t);
    Py_ssize_t nodes = feature.len / (Py_ssize_t)sizeof(Py_ssize_t);
    Py_ssize_t rows = width > 0 ? x.len / (Py_ssize_t)sizeof(float) / width : 0;
    if (width <= 0 || rows * trees * (Py_ssize_t)sizeof(Py_ssize_t) != out.len
        || threshold.len / (Py_ssize_t)sizeof(float) != nodes || left.len / (Py_ssize_t)sizeof(Py_ssize_t) != nodes) {
        PyErr_SetString(PyExc_ValueError, "leaves: array sizes do not agree");
        goto fail_out;
    }
    const float *xs = x.buf, *thr = threshold.buf;
    const Py_ssize_t *root = roots.buf, *feat = feature.buf, *lft = left.buf;
    Py_ssize_t *dst = out.buf;
    int bad = 0;
    Py_BEGIN_ALLOW_THREADS
    /* Every node is checked once, so that no walk can leave the arrays: its feature is a column of x and
     * its children are nodes (a leaf, its own left child with an infinite threshold, never goes right). */
    for (Py_ssize_t t = 0; t < trees; t++) {
        bad |= root[t] < 0 || root[t] >= nodes;
    }
    for (Py_ssize_t i = 0; i < nodes; i++) {
        bad |= feat[i] < 0 || feat[i] >= width || lft[i] < 0 || lft[i] >= nodes
               || (lft[i] + 1 >= nodes && !(thr[i] == INFINITY));
    }
    /* A block of rows goes down each tree together: the tree's nodes stay in the cache, and the rows'
     * walks do not wait on each other's loads. */
    for (Py_ssize_t r0 = 0; r0 < rows && !bad; r0 += WALK_BLOCK) {
        int block = rows - r0 < WALK_BLOCK ? (int)(rows - r0) : WALK_BLOCK;
        const float *base = xs + r0 * width;
        for (Py_ssize_t t = 0; t < trees; t++) {
            Py_ssize_t at[WALK_BLOCK];
            for (int k = 0; k < block; k++) {
                at[k] = root[t];
            }
            for (int step = 0; step < depth; step++) {
                for (int k = 0; k < block; k++) {
                    at[k] = lft[at[k]] + (base[k * width + feat[at[k]]] > thr[at[k]]);
                }
            }
            for (int k = 0; k < block; k++) {
                dst[(r0 + k) * trees + t] = at[k];
            }
        }
    }
    Py_END_ALLOW_THREADS
    if (bad) {
        PyErr_SetString(PyExc_ValueError, "leaves: a node or feature index is out of range");
        goto fail_out;
    }
    PyBuffer_Release(&out);
    PyBuffer_Release(&left);
    PyBuffer_Release(&threshold);
    PyBuffer_Release(&feature);
    PyBuffer_Release(&roots);
    PyBuffer_Release(&x);
    Py_RETURN_NONE;
fail_out:
    PyBuffer_Release(&out);
fail_left:
    PyBuffer_Release(&left);
fail_threshold:
    PyBuffer_Release(&threshold);
fail_feature:
    PyBuffer_Release(&feature);
fail_roots:
    PyBuffer_Release(&roots);
fail_x:
    PyBuffer_Release(&x);
    return NULL;
}

/* lexical(rows, cols, vals, weight, scale, bias, out): out (float64, size x classes) starts at each
 * class's bias; each design entry (row, col, val) then adds (float)(weight[col, c] * scale[c]) * val to
 * out[row, c], entries in the order given. weight is int8 (terms x classes), scale and vals float32. */
static PyObject *lexical(PyObject *self, PyObject *args) {
    PyObject *orows, *ocols, *ovals, *oweight, *oscale, *obias, *oout;
    if (!PyArg_ParseTuple(args, "OOOOOOO", &orows, &ocols, &ovals, &oweight, &oscale, &obias, &oout)) {
        return NULL;
    }
    Py_buffer rows, cols, vals, weight, scale, bias, out;
    if (get(orows, &rows, sizeof(int64_t), 0, "rows") < 0) return NULL;
    if (get(ocols, &cols, sizeof(int64_t), 0, "cols") < 0) goto fail_rows;
    if (get(ovals, &vals, sizeof(float), 0, "vals") < 0) goto fail_cols;
    if (get(oweight, &weight, sizeof(int8_t), 0, "weight") < 0) goto fail_vals;
    if (get(oscale, &scale, sizeof(float), 0, "scale") < 0) goto fail_weight;
    if (get(obias, &bias, sizeof(double), 0, "bias") < 0) goto fail_scale;
    if (get(oout, &out, sizeof(double), 1, "out") < 0) goto fail_bias;

    Py_ssize_t classes = bias.len / (Py_ssize_t)sizeof(double);
    Py_ssize_t entries = rows.len / (Py_ssize_t)sizeof(int64_t);
    Py_ssize_t size = classes > 0 ? out.len / (Py_ssize_t)sizeof(double) / classes : 0;
    Py_ssize_t terms = classes > 0 ? weight.len / classes : 0;
    if (classes <= 0 || scale.len / (Py_ssize_t)sizeof(float) != classes
        || cols.len / (Py_ssize_t)sizeof(int64_t) != entries || vals.len / (Py_ssize_t)sizeof(float) != entries
        || size * classes * (Py_ssize_t)sizeof(double) != out.len || terms * classes != weight.len) {
        PyErr_SetString(PyExc_ValueError, "lexical: array sizes do not agree");
        goto fail_out;
    }
    const int64_t *row = rows.buf, *col = cols.buf;
    const double *b = bias.buf;
    const float *val = vals.buf;
    const int8_t *w = weight.buf;
    const float *s = scale.buf;
    double *dst = out.buf;
    int bad = 0;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t r = 0; r < size; r++) {
        for (Py_ssize_t c = 0; c < classes; c++) {
            dst[r * classes + c] = 0.0 + b[c];
        }
    }
    for (Py_ssize_t e = 0; e < entries; e++) {
        if (row[e] < 0 || row[e] >= size || col[e] < 0 || col[e] >= terms) {
            bad = 1;
            break;
        }
#if defined(__GNUC__) || defined(__clang__)
        if (e + LEXICAL_AHEAD < entries && col[e + LEXICAL_AHEAD] >= 0 && col[e + LEXICAL_AHEAD] < terms) {
            __builtin_prefetch(w + col[e + LEXICAL_AHEAD] * classes);
        }
#endif
        double *cell = dst + row[e] * classes;
        const int8_t *wrow = w + col[e] * classes;
        for (Py_ssize_t c = 0; c < classes; c++) {
            float product = (float)wrow[c] * s[c];
            cell[c] += (double)product * (double)val[e];
        }
    }
    Py_END_ALLOW_THREADS
    if (bad) {
        PyErr_SetString(PyExc_ValueError, "lexical: a row or column index is out of range");
        goto fail_out;
    }
    PyBuffer_Release(&out);
    PyBuffer_Release(&bias);
    PyBuffer_Release(&scale);
    PyBuffer_Release(&weight);
    PyBuffer_Release(&vals);
    PyBuffer_Release(&cols);
    PyBuffer_Release(&rows);
    Py_RETURN_NONE;
fail_out:
    PyBuffer_Release(&out);
fail_bias:
    PyBuffer_Release(&bias);
fail_scale:
    PyBuffer_Release(&scale);
fail_weight:
    PyBuffer_Release(&weight);
fail_vals:
    PyBuffer_Release(&vals);
fail_cols:
    PyBuffer_Release(&cols);
fail_rows:
    PyBuffer_Release(&rows);
    return NULL;
}

static PyMethodDef methods[] = {
    {"leaves", leaves, METH_VARARGS, "The leaf each row reaches in each tree (see cleaner/model/kernels.py)."},
    {"lexical", lexical, METH_VARARGS, "Lexical class scores added up in design order (see cleaner/model/kernels.py)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_kernels", NULL, -1, methods};

PyMODINIT_FUNC PyInit__kernels(void) { return PyModule_Create(&module); }
