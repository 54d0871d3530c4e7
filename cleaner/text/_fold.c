/* Casefolding a very long line without the peak of str.casefold (which fills a buffer of the whole folded
 * line before copying it into the result): each piece is folded by str.casefold itself, once to size the
 * result and once more to copy into it. See cleaner/text/fold.py; the output is str.casefold's. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *fold_piece(PyObject *text, Py_ssize_t start, Py_ssize_t end) {
    PyObject *piece = PyUnicode_Substring(text, start, end);
    if (piece == NULL) return NULL;
    PyObject *folded = PyObject_CallMethod(piece, "casefold", NULL);
    Py_DECREF(piece);
    return folded;
}

static PyObject *casefold(PyObject *self, PyObject *args) {
    PyObject *text;
    Py_ssize_t size;
    if (!PyArg_ParseTuple(args, "Un", &text, &size)) return NULL;
    if (size < 1) {
        PyErr_SetString(PyExc_ValueError, "size must be at least 1");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), total = 0;
    Py_UCS4 widest = 0;
    for (Py_ssize_t start = 0; start < n; start += size) {  /* each piece's length and widest kind */
        PyObject *folded = fold_piece(text, start, start + size < n ? start + size : n);
        if (folded == NULL) return NULL;
        total += PyUnicode_GET_LENGTH(folded);
        Py_UCS4 kind = PyUnicode_MAX_CHAR_VALUE(folded);  /* a canonical piece: its kind is the narrowest */
        if (kind > widest) widest = kind;
        Py_DECREF(folded);
    }
    PyObject *out = PyUnicode_New(total, widest);
    if (out == NULL) return NULL;
    Py_ssize_t at = 0;
    for (Py_ssize_t start = 0; start < n; start += size) {
        PyObject *folded = fold_piece(text, start, start + size < n ? start + size : n);
        if (folded == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        Py_ssize_t length = PyUnicode_GET_LENGTH(folded);
        if (at + length > total || PyUnicode_CopyCharacters(out, at, folded, 0, length) < 0) {
            Py_DECREF(folded);
            Py_DECREF(out);
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_RuntimeError, "casefold changed between two passes");
            return NULL;
        }
        at += length;
        Py_DECREF(folded);
    }
    return out;
}

static PyMethodDef methods[] = {
    {"casefold", casefold, METH_VARARGS, "str.casefold of a text, folded a piece of `size` characters at a time."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_fold", NULL, -1, methods};

PyMODINIT_FUNC PyInit__fold(void) { return PyModule_Create(&module); }
