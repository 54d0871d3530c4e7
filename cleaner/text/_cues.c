/* A line's hashed cue buckets without the regex, the cue strings and their UTF-8 bytes: the twin of
 * cleaner/text/meta_features.py's _cue_buckets, with the same output. Tokens are read as the pattern
 * r"\w+|[^\w\s]" reads them, with the very character checks Python's re makes (\w: Py_UNICODE_ISALNUM or
 * '_', \s: Py_UNICODE_ISSPACE, \d: Py_UNICODE_ISDECIMAL), and each cue's UTF-8 bytes go through CRC-32 (the
 * checksum zlib.crc32 computes) as they are made. A cue holding a lone surrogate (which the Python version
 * cannot encode, and raises on) gives None: the caller then takes the Python path. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define COLON_TOKENS 6  /* the tokens a 'c:' cue's ':' is looked for among */

static uint32_t crc_table[256];

static void make_crc_table(void) {
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[n] = c;
    }
}

static inline uint32_t crc_byte(uint32_t crc, unsigned char b) {
    return crc_table[(crc ^ b) & 0xFF] ^ (crc >> 8);
}

static inline uint32_t crc_ascii(uint32_t crc, const char *s) {
    for (; *s; s++) crc = crc_byte(crc, (unsigned char)*s);
    return crc;
}

static inline int is_word(Py_UCS4 ch) {
    return ch == '_' || Py_UNICODE_ISALNUM(ch);
}

typedef struct {
    int kind;
    const void *data;
    int surrogate;  /* set when a cue held a lone surrogate */
} Text;

/* The running CRC of a token's UTF-8 bytes, each decimal digit read as '0' (re's \d, the "0" of _DIGITS.sub). */
static uint32_t crc_token(uint32_t crc, Text *t, Py_ssize_t start, Py_ssize_t end) {
    for (Py_ssize_t i = start; i < end; i++) {
        Py_UCS4 ch = PyUnicode_READ(t->kind, t->data, i);
        if (ch < 0x80) {
            crc = crc_byte(crc, (unsigned char)(ch >= '0' && ch <= '9' ? '0' : ch));
        } else if (Py_UNICODE_ISDECIMAL(ch)) {
            crc = crc_byte(crc, '0');
        } else if (ch < 0x800) {
            crc = crc_byte(crc, (unsigned char)(0xC0 | (ch >> 6)));
            crc = crc_byte(crc, (unsigned char)(0x80 | (ch & 0x3F)));
        } else if (ch < 0x10000) {
            if (ch >= 0xD800 && ch <= 0xDFFF) t->surrogate = 1;
            crc = crc_byte(crc, (unsigned char)(0xE0 | (ch >> 12)));
            crc = crc_byte(crc, (unsigned char)(0x80 | ((ch >> 6) & 0x3F)));
            crc = crc_byte(crc, (unsigned char)(0x80 | (ch & 0x3F)));
        } else {
            crc = crc_byte(crc, (unsigned char)(0xF0 | (ch >> 18)));
            crc = crc_byte(crc, (unsigned char)(0x80 | ((ch >> 12) & 0x3F)));
            crc = crc_byte(crc, (unsigned char)(0x80 | ((ch >> 6) & 0x3F)));
            crc = crc_byte(crc, (unsigned char)(0x80 | (ch & 0x3F)));
        }
    }
    return crc;
}

/* cue_buckets(folded, tokens, buckets): the sorted distinct crc32(cue) % buckets of the line's cues, made
 * from its first `tokens` tokens; None when a cue holds a lone surrogate. */
static PyObject *cue_buckets(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    (void)self;
    if (nargs != 3 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "cue_buckets(folded: str, tokens: int, buckets: int)");
        return NULL;
    }
    Py_ssize_t most = PyLong_AsSsize_t(args[1]), buckets = PyLong_AsSsize_t(args[2]);
    if (PyErr_Occurred()) return NULL;
    if (most < 1 || buckets < 1) {
        PyErr_SetString(PyExc_ValueError, "tokens and buckets must be at least 1");
        return NULL;
    }
    PyObject *text = args[0];
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), 0};
    Py_ssize_t starts[COLON_TOKENS], ends[COLON_TOKENS], last_start = 0, last_end = 0, count = 0;
    Py_ssize_t colon = -1;  /* the index of the first ':' token among the first COLON_TOKENS */
    for (Py_ssize_t i = 0; i < n && count < most;) {
        Py_UCS4 ch = PyUnicode_READ(t.kind, t.data, i);
        Py_ssize_t j = i + 1;
        if (is_word(ch)) {
            while (j < n && is_word(PyUnicode_READ(t.kind, t.data, j))) j++;
        } else if (Py_UNICODE_ISSPACE(ch)) {
            i = j;
            continue;
        } else if (ch == ':' && colon < 0 && count < COLON_TOKENS) {
            colon = count;
        }
        if (count < COLON_TOKENS) {
            starts[count] = i;
            ends[count] = j;
        }
        last_start = i;
        last_end = j;
        count++;
        i = j;
    }
    if (count == 0) return PyTuple_New(0);
    uint32_t crc[4];
    int cues = 0;
    crc[cues++] = crc_token(crc_ascii(0xFFFFFFFFu, "f:"), &t, starts[0], ends[0]);
    crc[cues++] = crc_token(crc_ascii(0xFFFFFFFFu, "l:"), &t, last_start, last_end);
    if (count > 1) {
        uint32_t c = crc_token(crc_ascii(0xFFFFFFFFu, "ff:"), &t, starts[0], ends[0]);
        crc[cues++] = crc_token(crc_byte(c, ' '), &t, starts[1], ends[1]);
    }
    if (colon >= 0) {
        uint32_t c = crc_ascii(0xFFFFFFFFu, "c:");
        for (Py_ssize_t k = 0; k < colon; k++) c = crc_token(k ? crc_byte(c, ' ') : c, &t, starts[k], ends[k]);
        crc[cues++] = c;
    }
    if (t.surrogate) Py_RETURN_NONE;
    Py_ssize_t found[4];
    int size = 0;
    for (int k = 0; k < cues; k++) {  /* insert each bucket into the sorted distinct ones */
        Py_ssize_t b = (Py_ssize_t)((crc[k] ^ 0xFFFFFFFFu) % (uint32_t)buckets), at = size;
        int seen = 0;
        for (int m = 0; m < size; m++) {
            if (found[m] == b) seen = 1;
        }
        if (seen) continue;
        while (at > 0 && found[at - 1] > b) {
            found[at] = found[at - 1];
            at--;
        }
        found[at] = b;
        size++;
    }
    PyObject *out = PyTuple_New(size);
    if (out == NULL) return NULL;
    for (int k = 0; k < size; k++) {
        PyObject *b = PyLong_FromSsize_t(found[k]);
        if (b == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyTuple_SET_ITEM(out, k, b);
    }
    return out;
}

static PyMethodDef methods[] = {
    {"cue_buckets", (PyCFunction)(void (*)(void))cue_buckets, METH_FASTCALL,
     "The sorted distinct crc32(cue) % buckets of a folded line's cues (first `tokens` tokens); None on a lone "
     "surrogate."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_cues", NULL, -1, methods};

PyMODINIT_FUNC PyInit__cues(void) {
    make_crc_table();
    return PyModule_Create(&module);
}
