//! `ferrojwt._native`: the PyO3 translation layer over the `ferrojwt` core.
//!
//! Only conversion lives here: Python objects to JSON values and back, arguments to core
//! options, and core errors to the PyJWT-named classes of `ferrojwt.exceptions`. Every decision
//! about a token is the core's. A Rust panic never reaches Python: PyO3 turns it into an exception,
//! and the core denies `unwrap`/`panic` outside tests.

use ferrojwt as fj;
use pyo3::exceptions::PyTypeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMemoryView, PyString, PyTuple,
};
use serde_json::{Map, Value};
use std::borrow::Cow;

mod errors {
    use super::*;

    static EXCEPTIONS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

    /// The `ferrojwt.exceptions` class for a core error: PyJWT's class of the same meaning.
    fn class_name(err: &fj::Error) -> &'static str {
        use fj::ErrorKind as K;
        match err.kind() {
            K::MalformedToken => "DecodeError",
            K::InvalidAlgorithm => "InvalidAlgorithmError",
            K::InvalidKey | K::InvalidKeyFormat => "InvalidKeyError",
            K::KeyNotFound => "KeyNotFoundError",
            K::InvalidSignature => "InvalidSignatureError",
            K::ExpiredSignature => "ExpiredSignatureError",
            K::ImmatureSignature => "ImmatureSignatureError",
            K::InvalidClaim => match err.claim_name() {
                Some("iat") => "InvalidIssuedAtError",
                Some("sub") => "InvalidSubjectError",
                Some("jti") => "InvalidJTIError",
                _ => "InvalidClaimError",
            },
            K::InvalidAudience => "InvalidAudienceError",
            K::InvalidIssuer => "InvalidIssuerError",
            K::MissingRequiredClaim => "MissingRequiredClaimError",
            K::UnsupportedCriticalHeader => "UnsupportedCriticalHeaderError",
            K::InvalidType => "InvalidTypeError",
            K::TokenTooLarge => "TokenTooLargeError",
            K::RefreshExpired => "RefreshExpiredError",
            K::MissingOrigIat => "MissingOrigIatError",
            K::InvalidArgument => "InvalidArgumentError",
            _ => "PyJWTError",
        }
    }

    /// Raises the matching `ferrojwt.exceptions` class, with `.kind` (the stable kind name) and,
    /// for claim errors, `.claim` set on the instance.
    pub fn to_py(py: Python<'_>, err: fj::Error) -> PyErr {
        let build = || -> PyResult<PyErr> {
            let module = EXCEPTIONS.get_or_try_init(py, || {
                PyModule::import(py, "ferrojwt.exceptions").map(Bound::unbind)
            })?;
            let class = module.bind(py).getattr(class_name(&err))?;
            let instance = if err.kind() == fj::ErrorKind::MissingRequiredClaim {
                class.call1((err.claim_name().unwrap_or_default(),))?
            } else {
                class.call1((err.message(),))?
            };
            instance.setattr("kind", err.kind().name())?;
            if let Some(claim) = err.claim_name() {
                instance.setattr("claim", claim)?;
            }
            Ok(PyErr::from_value(instance))
        };
        build().unwrap_or_else(|e| e)
    }

    /// PyJWT's `DecodeError` for a token that is not a token at all (wrong type, non-ASCII).
    pub fn decode_error(py: Python<'_>, message: &'static str) -> PyErr {
        to_py(py, fj::Error::new(fj::ErrorKind::MalformedToken, message))
    }
}

mod convert {
    use super::*;

    const MAX_DEPTH: usize = 64;

    fn invalid_argument(py: Python<'_>, msg: &'static str) -> PyErr {
        errors::to_py(py, fj::Error::new(fj::ErrorKind::InvalidArgument, msg))
    }

    /// A Python object as a JSON value, accepting what `json.dumps` accepts by default except
    /// NaN/Infinity and integers beyond 64 bits (which strict readers, ferrojwt's included,
    /// refuse). Strings are copied; see [`to_ref`] for the borrowing form.
    pub fn to_ref_owned(obj: &Bound<'_, PyAny>, depth: usize) -> PyResult<fj::JsonRef<'static>> {
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(fj::JsonRef::Str(Cow::Owned(text(s)?.to_owned())));
        }
        non_string(obj, depth)
    }

    /// A `str`'s UTF-8. One holding a lone surrogate has none: `json` would escape it, but a
    /// strict reader (ferrojwt's included) refuses such a token, so it is an invalid argument.
    pub(crate) fn text<'a>(s: &'a Bound<'_, PyString>) -> PyResult<&'a str> {
        s.to_str().map_err(|_| {
            invalid_argument(
                s.py(),
                "strings must be valid Unicode: a lone surrogate (\\ud800-\\udfff) cannot be encoded",
            )
        })
    }

    /// As [`to_ref_owned`], borrowing the UTF-8 of a `str` instead of copying it (a `str`'s
    /// UTF-8 form lives as long as the object, which `obj` keeps alive).
    pub fn to_ref<'a>(obj: &'a Bound<'_, PyAny>, depth: usize) -> PyResult<fj::JsonRef<'a>> {
        // Exact types first: a pointer comparison, where the subclass checks of the stable ABI
        // are a function call each.
        if let Ok(s) = obj.cast_exact::<PyString>() {
            return Ok(fj::JsonRef::Str(Cow::Borrowed(text(s)?)));
        }
        if let Ok(i) = obj.cast_exact::<PyInt>() {
            if let Ok(v) = i.extract::<i64>() {
                return Ok(fj::JsonRef::Int(v));
            }
        }
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(fj::JsonRef::Str(Cow::Borrowed(text(s)?)));
        }
        non_string(obj, depth)
    }

    fn non_string(obj: &Bound<'_, PyAny>, depth: usize) -> PyResult<fj::JsonRef<'static>> {
        use fj::JsonRef as J;
        let py = obj.py();
        if depth > MAX_DEPTH {
            return Err(invalid_argument(py, fj::NESTED_TOO_DEEPLY));
        }
        if obj.is_none() {
            return Ok(J::Null);
        }
        if let Ok(b) = obj.cast::<PyBool>() {
            return Ok(J::Bool(b.is_true()));
        }
        if let Ok(i) = obj.cast::<PyInt>() {
            if let Ok(v) = i.extract::<i64>() {
                return Ok(J::Int(v));
            }
            if let Ok(v) = i.extract::<u64>() {
                return Ok(J::UInt(v));
            }
            return Err(invalid_argument(
                py,
                "integers beyond 64 bits cannot be encoded",
            ));
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            let f = f.value();
            if !f.is_finite() {
                return Err(invalid_argument(
                    py,
                    "Out of range float values are not JSON compliant",
                ));
            }
            return Ok(J::Float(f));
        }
        if let Ok(d) = obj.cast::<PyDict>() {
            // Items first, then conversion: nothing can change the dict under the iterator.
            let items = dict_items(d);
            let mut members = Vec::with_capacity(items.len());
            for (k, v) in &items {
                members.push((
                    Cow::Owned(key_name(k)?.into_owned()),
                    to_ref_owned(v, depth + 1)?,
                ));
            }
            return object(py, members).map(J::Object);
        }
        if let Ok(l) = obj.cast::<PyList>() {
            return l
                .iter()
                .map(|item| to_ref_owned(&item, depth + 1))
                .collect::<PyResult<_>>()
                .map(J::Array);
        }
        if let Ok(t) = obj.cast::<PyTuple>() {
            return t
                .iter()
                .map(|item| to_ref_owned(&item, depth + 1))
                .collect::<PyResult<_>>()
                .map(J::Array);
        }
        let type_name = obj.get_type().name()?;
        Err(PyTypeError::new_err(format!(
            "Object of type {type_name} is not JSON serializable"
        )))
    }

    /// Python's `json` key rules: str as is; None, bools, ints (by `int.__repr__`, so an
    /// `IntEnum` is its value) and floats (by `float.__repr__`, non-finite ones as `NaN`,
    /// `Infinity`, `-Infinity`) stringified. No user code runs here.
    fn key_name<'a>(key: &'a Bound<'_, PyAny>) -> PyResult<Cow<'a, str>> {
        if let Ok(s) = key.cast_exact::<PyString>() {
            return Ok(Cow::Borrowed(text(s)?));
        }
        if let Ok(s) = key.cast::<PyString>() {
            return Ok(Cow::Borrowed(text(s)?));
        }
        if key.is_none() {
            return Ok(Cow::Borrowed("null"));
        }
        if let Ok(b) = key.cast::<PyBool>() {
            return Ok(Cow::Borrowed(if b.is_true() { "true" } else { "false" }));
        }
        if let Ok(i) = key.cast::<PyInt>() {
            if let Ok(v) = i.extract::<i64>() {
                return Ok(Cow::Owned(v.to_string()));
            }
            // Beyond 64 bits: int's own repr (not the subclass's), as json does.
            let repr = key
                .py()
                .get_type::<PyInt>()
                .call_method1("__repr__", (key,))?;
            return Ok(Cow::Owned(repr.cast::<PyString>()?.to_str()?.to_owned()));
        }
        if let Ok(f) = key.cast::<PyFloat>() {
            let value = f.value();
            let name = if value.is_nan() {
                "NaN".to_owned()
            } else if value.is_infinite() {
                if value > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
            } else {
                let mut out = String::new();
                fj::write_python_float(&mut out, value);
                out
            };
            return Ok(Cow::Owned(name));
        }
        let type_name = key.get_type().name()?;
        Err(PyTypeError::new_err(format!(
            "keys must be str, int, float, bool or None, not {type_name}"
        )))
    }

    fn object<'a>(
        py: Python<'_>,
        members: Vec<(Cow<'a, str>, fj::JsonRef<'a>)>,
    ) -> PyResult<fj::ObjectRef<'a>> {
        fj::ObjectRef::from_members(members).map_err(|e| errors::to_py(py, e))
    }

    /// Turns a claim value into a NumericDate when it is a datetime (`None`: leave it as is).
    pub type Timestamp<'t> =
        dyn Fn(&Bound<'_, PyAny>) -> PyResult<Option<fj::JsonRef<'static>>> + 't;

    /// A dict's items, held so that the borrowed form of [`items_to_object`] can point into them.
    pub fn dict_items<'py>(
        dict: &Bound<'py, PyDict>,
    ) -> Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
        dict.iter().collect()
    }

    /// A dict's items (from [`dict_items`]) as an object borrowing their strings. With
    /// `timestamp` given, the values of `exp`, `iat` and `nbf` that are datetimes become
    /// NumericDates through it (PyJWT's `encode` does that for those three claims only).
    pub fn items_to_object<'a>(
        py: Python<'_>,
        items: &'a [(Bound<'_, PyAny>, Bound<'_, PyAny>)],
        timestamp: Option<&Timestamp<'_>>,
    ) -> PyResult<fj::ObjectRef<'a>> {
        let mut members = Vec::with_capacity(items.len());
        for (k, v) in items {
            let name = key_name(k)?;
            let converted = match (timestamp, name.as_ref()) {
                (Some(timestamp), "exp" | "iat" | "nbf") => timestamp(v)?,
                _ => None,
            };
            let value = match converted {
                Some(value) => value,
                None => to_ref(v, 1)?,
            };
            members.push((name, value));
        }
        object(py, members)
    }

    /// A JSON value as the Python object `json.loads` would give.
    pub fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
        Ok(match value {
            Value::Null => py.None().into_bound(py),
            Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
            Value::Number(n) => {
                if let Some(i) = n.as_i64() {
                    i.into_pyobject(py)?.into_any()
                } else if let Some(u) = n.as_u64() {
                    u.into_pyobject(py)?.into_any()
                } else {
                    PyFloat::new(py, n.as_f64().unwrap_or(f64::NAN)).into_any()
                }
            }
            Value::String(s) => PyString::new(py, s).into_any(),
            Value::Array(items) => {
                let list = PyList::empty(py);
                for item in items {
                    list.append(to_py(py, item)?)?;
                }
                list.into_any()
            }
            Value::Object(map) => map_to_dict(py, map)?.into_any(),
        })
    }

    /// A verified claims set, read in place from the token, as the dict `json.loads` would give.
    pub fn object_ref_to_dict<'py>(
        py: Python<'py>,
        object: &fj::ObjectRef<'_>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (name, value) in object.iter() {
            dict.set_item(claim_name(py, name), ref_to_py(py, value)?)?;
        }
        Ok(dict)
    }

    /// The registered claim names and djangorestframework_jwt's payload names come from interned
    /// strings (their hashes are cached, so the dict does not hash a fresh str per claim).
    fn claim_name<'py>(py: Python<'py>, name: &str) -> Bound<'py, PyString> {
        let interned = match name {
            "exp" => intern!(py, "exp"),
            "iat" => intern!(py, "iat"),
            "nbf" => intern!(py, "nbf"),
            "iss" => intern!(py, "iss"),
            "aud" => intern!(py, "aud"),
            "sub" => intern!(py, "sub"),
            "jti" => intern!(py, "jti"),
            "orig_iat" => intern!(py, "orig_iat"),
            "user_id" => intern!(py, "user_id"),
            "username" => intern!(py, "username"),
            "email" => intern!(py, "email"),
            _ => return PyString::new(py, name),
        };
        interned.clone()
    }

    fn ref_to_py<'py>(py: Python<'py>, value: &fj::JsonRef<'_>) -> PyResult<Bound<'py, PyAny>> {
        use fj::JsonRef as J;
        Ok(match value {
            J::Null => py.None().into_bound(py),
            J::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
            J::Int(i) => i.into_pyobject(py)?.into_any(),
            J::UInt(u) => u.into_pyobject(py)?.into_any(),
            J::Float(f) => PyFloat::new(py, *f).into_any(),
            J::Str(s) => PyString::new(py, s).into_any(),
            J::Array(items) => {
                let list = PyList::empty(py);
                for item in items {
                    list.append(ref_to_py(py, item)?)?;
                }
                list.into_any()
            }
            J::Object(object) => object_ref_to_dict(py, object)?.into_any(),
        })
    }

    /// An ordered JSON object as a dict (insertion order preserved).
    pub fn map_to_dict<'py>(
        py: Python<'py>,
        map: &Map<String, Value>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (k, v) in map {
            dict.set_item(PyString::new(py, k), to_py(py, v)?)?;
        }
        Ok(dict)
    }
}

/// A parsed key, prepared once and reused (the Python layer caches these per key material).
#[pyclass(frozen, module = "ferrojwt._native")]
struct Key(fj::Key);

#[pymethods]
impl Key {
    /// An HMAC secret. Empty secrets and public-key material are refused (`InvalidKeyError`).
    #[staticmethod]
    fn from_secret(
        py: Python<'_>,
        #[pyo3(from_py_with = key_material)] secret: Vec<u8>,
    ) -> PyResult<Key> {
        fj::Key::from_secret(&secret)
            .map(Key)
            .map_err(|e| errors::to_py(py, e))
    }

    /// An asymmetric key from PEM, DER, a JWK or an OpenSSH public key (detected from content).
    #[staticmethod]
    fn parse(
        py: Python<'_>,
        #[pyo3(from_py_with = key_material)] material: Vec<u8>,
    ) -> PyResult<Key> {
        fj::Key::parse(&material)
            .map(Key)
            .map_err(|e| errors::to_py(py, e))
    }

    /// A key from JWK JSON text.
    #[staticmethod]
    fn from_jwk(
        py: Python<'_>,
        #[pyo3(from_py_with = jwk_material)] jwk: Vec<u8>,
    ) -> PyResult<Key> {
        fj::Key::from_jwk(&jwk)
            .map(Key)
            .map_err(|e| errors::to_py(py, e))
    }

    /// The key type (`"Hmac"`, `"Rsa"`, `"Ec(P256)"`, `"Ed25519"`).
    #[getter]
    fn key_type(&self) -> String {
        format!("{:?}", self.0.key_type())
    }

    /// The key id, if any.
    #[getter]
    fn kid(&self) -> Option<String> {
        self.0.kid().map(str::to_owned)
    }

    /// Whether the key can sign (a secret or a private key).
    #[getter]
    fn can_sign(&self) -> bool {
        self.0.can_sign()
    }

    fn __repr__(&self) -> String {
        format!(
            "<ferrojwt.Key type={:?} kid={:?} can_sign={}>",
            self.0.key_type(),
            self.0.kid(),
            self.0.can_sign()
        )
    }
}

/// Several verification keys selected by the token's `kid` (key rotation).
#[pyclass(frozen, module = "ferrojwt._native")]
struct KeySet(fj::KeySet);

#[pymethods]
impl KeySet {
    /// A set from JWK Set JSON (`{"keys": [...]}`).
    #[staticmethod]
    #[pyo3(signature = (jwks, require_kid=false))]
    fn from_jwks(
        py: Python<'_>,
        #[pyo3(from_py_with = jwk_material)] jwks: Vec<u8>,
        require_kid: bool,
    ) -> PyResult<KeySet> {
        fj::KeySet::from_jwks(&jwks)
            .map(|s| KeySet(s.require_kid(require_kid)))
            .map_err(|e| errors::to_py(py, e))
    }

    /// A set from `(kid, key material, is_secret)` triples; `kid` may be None.
    #[staticmethod]
    #[pyo3(signature = (entries, require_kid=false))]
    fn from_entries(
        py: Python<'_>,
        entries: Vec<(Option<String>, Vec<u8>, bool)>,
        require_kid: bool,
    ) -> PyResult<KeySet> {
        let mut set = fj::KeySet::new();
        for (kid, material, secret) in entries {
            let key = if secret {
                fj::Key::from_secret(&material)
            } else {
                fj::Key::parse(&material)
            }
            .map_err(|e| errors::to_py(py, e))?;
            let key = match kid {
                Some(kid) => key.with_kid(kid),
                None => key,
            };
            set.push(key).map_err(|e| errors::to_py(py, e))?;
        }
        Ok(KeySet(set.require_kid(require_kid)))
    }

    fn __len__(&self) -> usize {
        self.0.len()
    }
}

/// Key material for the `Key`/`KeySet` constructors: `str` (as UTF-8, like `decode` reads a
/// key given as text), `bytes`, `bytearray` or `memoryview`.
fn key_material(obj: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(text) = obj.cast::<PyString>() {
        return Ok(convert::text(text)?.as_bytes().to_vec());
    }
    if let Ok(bytes) = obj.cast::<PyBytes>() {
        return Ok(bytes.as_bytes().to_vec());
    }
    if obj.is_instance_of::<PyByteArray>() || obj.is_instance_of::<PyMemoryView>() {
        let bytes = obj.py().get_type::<PyBytes>().call1((obj,))?;
        return Ok(bytes.cast::<PyBytes>()?.as_bytes().to_vec());
    }
    Err(PyTypeError::new_err(format!(
        "key material must be str, bytes, bytearray or memoryview, not {}",
        obj.get_type().name()?
    )))
}

/// JWK (Set) text for `Key.from_jwk`/`KeySet.from_jwks`: as [`key_material`], or a `dict` (any
/// mapping), written as JSON by Python's `json`, as `decode` takes a JWK dict.
fn jwk_material(obj: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if obj.is_instance_of::<PyDict>() || obj.hasattr(intern!(obj.py(), "keys"))? {
        let py = obj.py();
        let dict = py.get_type::<PyDict>().call1((obj,))?;
        let text = PyModule::import(py, "json")?.call_method1("dumps", (dict,))?;
        return key_material(&text);
    }
    key_material(obj)
}

/// What a decode may verify with: one key or a key set.
#[derive(FromPyObject)]
enum Verifying<'py> {
    One(PyRef<'py, Key>),
    Set(PyRef<'py, KeySet>),
}

/// Signs ``payload`` and returns the compact token as ``str``.
///
/// The bytes match PyJWT 1.x: header ``{"typ":"JWT","alg":...}`` then ``headers`` in order, and
/// the payload as ``json.dumps(payload, separators=(",", ":"))``. ``exp``/``iat``/``nbf`` may be
/// datetimes. The caller's dict is not modified. ``json_encoder`` (a ``json.JSONEncoder``
/// subclass) is honoured for values JSON cannot represent natively (UUID, Decimal, ...). A key
/// is given as for ``decode`` and parsed once (cached). Payloads whose keys would repeat a name
/// once stringified (``{1: ..., "1": ...}``) are refused: ferrojwt would not decode that token.
#[pyfunction]
#[pyo3(
    signature = (payload, key, algorithm=Arg::Omitted, headers=None, json_encoder=None),
    text_signature = "(payload, key, algorithm='HS256', headers=None, json_encoder=None)"
)]
fn encode<'py>(
    py: Python<'py>,
    payload: &Bound<'py, PyAny>,
    key: Bound<'py, PyAny>,
    #[pyo3(from_py_with = given)] algorithm: Arg<'py>,
    headers: Option<&Bound<'py, PyAny>>,
    json_encoder: Option<&Bound<'py, PyAny>>,
) -> PyResult<String> {
    let algorithm = match algorithm {
        Arg::Omitted => intern!(py, "HS256").clone().into_any(),
        Arg::Given(name) => name,
    };
    let alg = match algorithm
        .cast_exact::<PyString>()
        .or_else(|_| algorithm.cast::<PyString>())
    {
        Ok(name) => name.to_str().ok().and_then(fj::Algorithm::from_name),
        Err(_) => None,
    };
    let Some(alg) = alg else {
        // PyJWT raises NotImplementedError here (1.x and 2.x alike); keep that contract.
        return Err(pyo3::exceptions::PyNotImplementedError::new_err(
            "Algorithm not supported",
        ));
    };
    // Anything but plain dicts, and any json_encoder, goes through the Python helper first.
    let prepared;
    let plain_headers = headers.is_none_or(|h| h.is_none() || h.is_exact_instance_of::<PyDict>());
    let (payload, headers) = match json_encoder.filter(|e| !e.is_none()) {
        None if payload.is_exact_instance_of::<PyDict>() && plain_headers => {
            (payload.clone(), headers.cloned())
        }
        encoder => {
            prepared =
                python_helper(py, "_prepare_for_encode")?.call1((payload, headers, encoder))?;
            let (p, h): (Bound<'py, PyAny>, Option<Bound<'py, PyAny>>) = prepared.extract()?;
            (p, h)
        }
    };
    let payload = payload.cast::<PyDict>()?;
    let names = AlgorithmNames {
        given_names: Some(algorithm),
        given: 1,
        allowed: Vec::new(),
        mask: algorithm_bit(alg),
    };
    let key = key_cache::resolve(py, Arg::Given(key), &names)?;
    let key = &key.cast::<Key>()?.get().0;

    let items = convert::dict_items(payload);
    let timestamp = |value: &Bound<'_, PyAny>| -> PyResult<Option<fj::JsonRef<'static>>> {
        if value.is_exact_instance_of::<PyInt>() || !value.is_instance(datetime_class(py)?)? {
            return Ok(None);
        }
        let seconds = python_helper(py, "numeric_date")?.call1((value,))?;
        convert::to_ref_owned(&seconds, 1).map(Some)
    };
    let claims = convert::items_to_object(py, &items, Some(&timestamp))?;
    let header_items = match headers.filter(|h| !h.is_none()) {
        Some(h) => convert::dict_items(h.cast::<PyDict>()?),
        None => Vec::new(),
    };
    let extra = convert::items_to_object(py, &header_items, None)?;

    let result = if key.key_type() == fj::KeyType::Hmac {
        fj::encode_ref(&claims, alg, key, &extra)
    } else {
        // RSA signing takes ~1 ms: build the token here, sign it while other threads run.
        fj::UnsignedToken::new(&claims, alg, key, &extra)
            .and_then(|unsigned| py.detach(|| unsigned.sign()))
    };
    result.map_err(|e| errors::to_py(py, e))
}

/// `datetime.datetime` (the stable ABI has no `PyDateTime_Check`).
fn datetime_class(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static CLASS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    CLASS
        .get_or_try_init(py, || {
            Ok::<_, PyErr>(
                PyModule::import(py, "datetime")?
                    .getattr("datetime")?
                    .unbind(),
            )
        })
        .map(|class| class.bind(py))
}

/// The bytes of a token given as `bytes` or `str` (ASCII only, as a compact JWS is).
fn token_bytes<'a>(token: &'a Bound<'_, PyAny>) -> PyResult<&'a [u8]> {
    if let Ok(bytes) = token.cast::<PyBytes>() {
        return Ok(bytes.as_bytes());
    }
    let py = token.py();
    if let Ok(text) = token.cast::<PyString>() {
        // A lone surrogate cannot be UTF-8: it is not ASCII either.
        let text = text.to_str().unwrap_or("\u{80}");
        if !text.is_ascii() {
            return Err(errors::decode_error(
                py,
                "Invalid token: non-ASCII characters",
            ));
        }
        return Ok(text.as_bytes());
    }
    Err(errors::decode_error(
        py,
        "Invalid token type. Token must be a <class 'bytes'>",
    ))
}

/// `decode`'s `options` as a dict. Any mapping is copied the way PyJWT 2 merges it (`{**options}`:
/// only the keys it has); a dict is read in place with `PyDict_GetItem`, which never calls a
/// `defaultdict`'s `__missing__` (whose falsy defaults would switch checks off).
fn options_dict<'py>(
    py: Python<'py>,
    options: Option<Bound<'py, PyAny>>,
) -> PyResult<Option<Bound<'py, PyDict>>> {
    let Some(options) = options.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    match options.cast_into::<PyDict>() {
        Ok(dict) => Ok(Some(dict)),
        Err(e) => {
            let options = e.into_inner();
            // `{**options}` takes mappings only; `dict()` would also take a list of pairs.
            if !options.hasattr(intern!(py, "keys"))? {
                return Err(PyTypeError::new_err(format!(
                    "options must be a mapping (a dict), not {}",
                    options.get_type().name()?
                )));
            }
            let copy = py.get_type::<PyDict>().call1((options,))?;
            Ok(Some(copy.cast_into::<PyDict>()?))
        }
    }
}

/// `ferrojwt.decode`'s `options` (PyJWT's names) applied to `validation`, with
/// `verify_signature` as the caller read it (once). Unset checks follow it, as in PyJWT 2.
fn apply_options(
    options: Option<&Bound<'_, PyDict>>,
    verify_signature: bool,
    validation: &mut fj::Validation,
) -> PyResult<()> {
    validation.verify_signature = verify_signature;
    let Some(options) = options else {
        return Ok(());
    };
    let py = options.py();
    let flag = |name: &Bound<'_, PyString>, default: bool| -> PyResult<bool> {
        match options.get_item(name)? {
            Some(value) => value.is_truthy(),
            None => Ok(default),
        }
    };
    validation.verify_exp = flag(intern!(py, "verify_exp"), verify_signature)?;
    validation.verify_nbf = flag(intern!(py, "verify_nbf"), verify_signature)?;
    validation.verify_iat = flag(intern!(py, "verify_iat"), verify_signature)?;
    validation.verify_aud = flag(intern!(py, "verify_aud"), verify_signature)?;
    validation.verify_iss = flag(intern!(py, "verify_iss"), verify_signature)?;
    let mut required: Vec<String> = match options.get_item(intern!(py, "require"))? {
        None => Vec::new(),
        Some(value) if value.is_none() => Vec::new(),
        Some(value) => match value.cast::<PyString>() {
            Ok(one) => vec![convert::text(one)?.to_owned()],
            Err(_) => value
                .try_iter()?
                .map(|name| {
                    let name = name?;
                    match name.cast::<PyString>() {
                        Ok(s) => convert::text(s).map(str::to_owned),
                        Err(_) => name.extract::<String>(),
                    }
                })
                .collect::<PyResult<_>>()?,
        },
    };
    // PyJWT 1.x spelled some of these as require_exp / require_iat / require_nbf.
    for (option, claim) in [
        (intern!(py, "require_exp"), "exp"),
        (intern!(py, "require_iat"), "iat"),
        (intern!(py, "require_nbf"), "nbf"),
    ] {
        if flag(option, false)? && !required.iter().any(|c| c == claim) {
            required.push(claim.to_owned());
        }
    }
    validation.required_claims = required;
    Ok(())
}

/// `audience`: None, one string, or any iterable of strings (any of which may match).
fn audiences(audience: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<String>>> {
    let Some(audience) = audience else {
        return Ok(None);
    };
    if let Ok(one) = audience.cast::<PyString>() {
        return Ok(Some(vec![convert::text(one)?.to_owned()]));
    }
    let bad = || PyTypeError::new_err("audience must be a string, iterable of strings, or None");
    let items = audience.try_iter().map_err(|_| bad())?;
    let mut out = Vec::new();
    for item in items {
        let item = item?;
        out.push(convert::text(item.cast::<PyString>().map_err(|_| bad())?)?.to_owned());
    }
    Ok(Some(out))
}

/// (algorithms, options) from the arguments after ``key`` given by position. PyJWT 2 put
/// ``algorithms, options`` there; PyJWT 1.x put ``verify, algorithms, options``, so a bool first
/// is 1.x's ``verify`` (moved into `kwargs` for `_legacy_verify_keyword`). Only by position: a
/// bool passed as ``algorithms=`` is no allow-list, never a way to switch verification off.
#[allow(clippy::type_complexity)]
fn legacy_positional<'py>(
    py: Python<'py>,
    positional: &Bound<'py, PyTuple>,
    algorithms: Option<Bound<'py, PyAny>>,
    options: Option<Bound<'py, PyAny>>,
    kwargs: &mut Option<Bound<'py, PyDict>>,
) -> PyResult<(Option<Bound<'py, PyAny>>, Option<Bound<'py, PyAny>>)> {
    let mut items: Vec<Bound<'py, PyAny>> = positional.iter().collect();
    if items[0].is_instance_of::<PyBool>() {
        let verify = items.remove(0);
        let legacy = match kwargs.take() {
            Some(kwargs) => kwargs.copy()?,
            None => PyDict::new(py),
        };
        if legacy.contains(intern!(py, "verify"))? {
            return Err(PyTypeError::new_err(
                "decode() got multiple values for argument 'verify'",
            ));
        }
        legacy.set_item(intern!(py, "verify"), verify)?;
        *kwargs = Some(legacy);
    }
    if items.len() > 2 {
        return Err(PyTypeError::new_err(
            "decode() takes at most 2 positional arguments after jwt and key (algorithms, \
             options; or PyJWT 1.x's verify, algorithms, options): pass the rest by keyword",
        ));
    }
    let mut items = items.into_iter();
    let mut take = |name: &str, given: Option<Bound<'py, PyAny>>| match (items.next(), given) {
        (Some(_), Some(_)) => Err(PyTypeError::new_err(format!(
            "decode() got multiple values for argument '{name}'"
        ))),
        (by_position, by_keyword) => Ok(by_position.or(by_keyword)),
    };
    let algorithms = take("algorithms", algorithms)?;
    let options = take("options", options)?;
    Ok((algorithms, options))
}

/// Verifies ``jwt`` and returns its claims as a ``dict`` in token order.
///
/// ``algorithms`` is the allow-list and is required unless ``options["verify_signature"]`` is
/// False. ``options`` understands ``verify_signature``, ``verify_exp``, ``verify_nbf``,
/// ``verify_iat``, ``verify_aud``, ``verify_iss`` and ``require`` (claim names); with the
/// signature check off, the other checks default to off too (PyJWT 2 behaviour) unless set.
/// ``key`` is a secret (``str``/``bytes``), PEM/DER/OpenSSH/JWK text, a ``cryptography`` key, a
/// JWK ``dict``, a ``Key`` or a ``KeySet``; it is parsed once and cached. ``leeway`` is seconds or
/// a ``timedelta``; ``now`` (seconds or a datetime) fixes the clock, which otherwise is
/// ``time.time()`` read at each call (so freezegun and time-machine apply). PyJWT 1.x's
/// ``verify=False`` keyword is accepted. Validation follows PyJWT 1.x: whole-second ``now``,
/// ``iat`` only type-checked, checks in the order iat, nbf, exp, iss, aud.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(
    signature = (
        jwt, key=Arg::Omitted, *positional, algorithms=None, options=None, audience=None,
        issuer=None, leeway=None, now=None, **kwargs
    ),
    text_signature = "(jwt, key='', algorithms=None, options=None, audience=None, issuer=None, leeway=0, now=None, **kwargs)"
)]
fn decode<'py>(
    py: Python<'py>,
    jwt: &Bound<'py, PyAny>,
    #[pyo3(from_py_with = given)] key: Arg<'py>,
    positional: &Bound<'py, PyTuple>,
    algorithms: Option<Bound<'py, PyAny>>,
    options: Option<Bound<'py, PyAny>>,
    audience: Option<&Bound<'py, PyAny>>,
    issuer: Option<&Bound<'py, PyAny>>,
    leeway: Option<&Bound<'py, PyAny>>,
    now: Option<&Bound<'py, PyAny>>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyDict>> {
    // The common call (str token, str/bytes secret, a list of names, no options) calls no Python
    // code; unusual argument types are normalised by the helpers in `ferrojwt/__init__.py`.
    let mut kwargs = kwargs.cloned();
    let (algorithms, options) = if positional.is_empty() {
        (algorithms, options)
    } else {
        legacy_positional(py, positional, algorithms, options, &mut kwargs)?
    };
    let options = match kwargs {
        Some(kwargs) if !kwargs.is_empty() => {
            Some(python_helper(py, "_legacy_verify_keyword")?.call1((options, kwargs))?)
        }
        _ => options,
    };
    let options = options_dict(py, options)?;
    let names = AlgorithmNames::read(algorithms.as_ref())?;
    let token_holder;
    let token = if jwt.is_instance_of::<PyString>() || jwt.is_instance_of::<PyBytes>() {
        token_bytes(jwt)?
    } else {
        token_holder = python_helper(py, "_token_bytes")?.call1((jwt,))?;
        token_bytes(&token_holder)?
    };

    let verify_signature = match &options {
        None => true,
        Some(o) => match o.get_item(intern!(py, "verify_signature"))? {
            Some(flag) => flag.is_truthy()?,
            None => true,
        },
    };
    let key_holder;
    let key = if verify_signature {
        if names.given == 0 {
            return Err(errors::decode_error(
                py,
                "It is required that you pass in a value for the \"algorithms\" argument when calling decode().",
            ));
        }
        if names.allowed.is_empty() {
            // Names, none of them implemented ("none", typos): no token's alg can be allowed.
            // As PyJWT, a malformed token is reported as such first.
            fj::decode_header(token).map_err(|e| errors::to_py(py, e))?;
            return Err(errors::to_py(
                py,
                fj::Error::new(
                    fj::ErrorKind::InvalidAlgorithm,
                    "The specified alg value is not allowed",
                ),
            ));
        }
        // With secrets and public keys both allowed, key text is read for the family of the
        // token's own alg, as PyJWT does (it prepares the key for that alg). Which family never
        // matters for safety: public-key text is refused as a secret in every encoding.
        let for_token;
        let key_names = match token_algorithm(token, &names) {
            Some(alg) => {
                for_token = AlgorithmNames::one(py, alg);
                &for_token
            }
            None => &names,
        };
        key_holder = key_cache::resolve(py, key, key_names)?;
        Some(key_holder.extract::<Verifying<'_>>()?)
    } else {
        None
    };
    let leeway = match leeway {
        None => 0.0,
        Some(l) if is_plain_number(l) => l.extract()?,
        Some(l) => python_helper(py, "_seconds")?
            .call1((l, intern!(py, "leeway")))?
            .extract()?,
    };
    let now = match now {
        None => clock::time(py)?,
        Some(n) if is_plain_number(n) => n.extract()?,
        Some(n) => python_helper(py, "_now")?.call1((n,))?.extract()?,
    };

    let mut validation = fj::Validation::new(&[]);
    validation.algorithms = names.allowed;
    // `verify_signature` as read once above: the key was chosen (or not) by that reading.
    apply_options(options.as_ref(), verify_signature, &mut validation)?;
    validation.audience = audiences(audience)?;
    validation.issuer = match issuer {
        None => None,
        Some(issuer) => Some(
            issuer
                .cast::<PyString>()
                .map_err(|_| PyTypeError::new_err("issuer must be a string or None"))
                .and_then(|s| convert::text(s).map(str::to_owned))?,
        ),
    };
    validation.leeway = leeway;
    let now = fj::datetime_from_f64(now).map_err(|e| errors::to_py(py, e))?;

    // Microseconds of work: keep the GIL and build the dict straight from the token's bytes.
    let in_place = |verifier| {
        fj::decode_claims_with(token, verifier, &validation, now, |_, claims| {
            convert::object_ref_to_dict(py, claims)
        })
        .map_err(|e| errors::to_py(py, e))?
    };
    let decoded = match &key {
        None => return in_place(fj::Verifier::Unverified),
        Some(Verifying::One(k)) if k.0.key_type() == fj::KeyType::Hmac => {
            return in_place(fj::Verifier::Key(&k.0))
        }
        // Public-key verification takes tens of microseconds: let other threads run meanwhile.
        Some(Verifying::One(k)) => {
            let k = &k.0;
            py.detach(|| fj::decode_with(token, Some(k), &validation, now))
        }
        Some(Verifying::Set(set)) => {
            let set = &set.0;
            py.detach(|| fj::decode_with_keyset(token, set, &validation, now))
        }
    }
    .map_err(|e| errors::to_py(py, e))?;
    convert::map_to_dict(py, &decoded.claims)
}

/// The token's `alg` when the allow-list mixes HMAC with public-key algorithms and names it;
/// otherwise the whole list decides how key text is read.
fn token_algorithm(token: &[u8], names: &AlgorithmNames<'_>) -> Option<fj::Algorithm> {
    let hmac = |a: &fj::Algorithm| a.family() == fj::Family::Hmac;
    let mixed = names.allowed.iter().any(hmac) && !names.allowed.iter().all(hmac);
    if !mixed {
        return None;
    }
    let header = fj::decode_header(token).ok()?;
    fj::Algorithm::from_name(header.alg()).filter(|alg| names.allowed.contains(alg))
}

/// An argument whose absence differs from an explicit `None` (`decode`'s `key`: the default is
/// the empty secret, `None` a type error, as in PyJWT; `encode`'s `algorithm`: HS256 by default,
/// `None` not supported).
enum Arg<'py> {
    Omitted,
    Given(Bound<'py, PyAny>),
}

fn given<'py>(value: &Bound<'py, PyAny>) -> PyResult<Arg<'py>> {
    Ok(Arg::Given(value.clone()))
}

/// `int` or `float` exactly (not `bool`, not a `timedelta` or `datetime`).
fn is_plain_number(value: &Bound<'_, PyAny>) -> bool {
    value.is_exact_instance_of::<PyFloat>() || value.is_exact_instance_of::<PyInt>()
}

/// A function of the pure-Python `ferrojwt` package (the slow paths of argument handling).
fn python_helper<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    static PACKAGE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    PACKAGE
        .get_or_try_init(py, || PyModule::import(py, "ferrojwt").map(Bound::unbind))?
        .bind(py)
        .getattr(name)
}

/// `decode`'s `algorithms`: the names as given (for the key-type decision of `_key`) and the
/// allow-list they make. Unknown names (and "none") can never match a token's alg, so they are
/// simply not allowed.
struct AlgorithmNames<'py> {
    given_names: Option<Bound<'py, PyAny>>,
    given: usize,
    allowed: Vec<fj::Algorithm>,
    /// The allow-list as a bit set: the cache key of a parsed key (the algorithms in play decide
    /// whether key text is a secret or a public key).
    mask: u64,
}

fn algorithm_bit(alg: fj::Algorithm) -> u64 {
    1u64 << (alg as u32 % 64)
}

impl<'py> AlgorithmNames<'py> {
    /// Just `alg`, as if the caller had named it alone.
    fn one(py: Python<'py>, alg: fj::Algorithm) -> Self {
        AlgorithmNames {
            given_names: Some(PyString::new(py, alg.as_str()).into_any()),
            given: 1,
            allowed: vec![alg],
            mask: algorithm_bit(alg),
        }
    }

    fn read(algorithms: Option<&Bound<'py, PyAny>>) -> PyResult<Self> {
        let mut names = AlgorithmNames {
            given_names: None,
            given: 0,
            allowed: Vec::new(),
            mask: 0,
        };
        // A bool is no allow-list (PyJWT 2 reads False as "none given"); never 1.x's `verify`
        // here, since by keyword it would switch verification off.
        let Some(algorithms) = algorithms.filter(|a| !a.is_none() && !a.is_instance_of::<PyBool>())
        else {
            return Ok(names);
        };
        let mut add = |name: &Bound<'py, PyAny>| -> PyResult<()> {
            names.given += 1;
            if let Ok(name) = name.cast::<PyString>() {
                // A name that is not valid Unicode names no algorithm.
                if let Some(alg) = name.to_str().ok().and_then(fj::Algorithm::from_name) {
                    names.allowed.push(alg);
                    names.mask |= algorithm_bit(alg);
                }
            }
            Ok(())
        };
        if algorithms.is_instance_of::<PyString>() {
            add(algorithms)?;
        } else if let Ok(list) = algorithms.cast::<PyList>() {
            for name in list.iter() {
                add(&name)?;
            }
        } else if let Ok(tuple) = algorithms.cast::<PyTuple>() {
            for name in tuple.iter() {
                add(&name)?;
            }
        } else {
            // Any other iterable (a set, a generator): read once, kept as a tuple for `_key`.
            let tuple = PyTuple::new(
                algorithms.py(),
                algorithms.try_iter()?.collect::<PyResult<Vec<_>>>()?,
            )?;
            for name in tuple.iter() {
                add(&name)?;
            }
            names.given_names = Some(tuple.into_any());
            return Ok(names);
        }
        names.given_names = Some(algorithms.clone());
        Ok(names)
    }

    /// The names as the tuple `ferrojwt._key` takes.
    fn as_tuple(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        match &self.given_names {
            None => Ok(PyTuple::empty(py)),
            Some(names) if names.is_instance_of::<PyString>() => PyTuple::new(py, [names]),
            Some(names) => match names.cast::<PyTuple>() {
                Ok(tuple) => Ok(tuple.clone()),
                Err(_) => PyTuple::new(py, names.try_iter()?.collect::<PyResult<Vec<_>>>()?),
            },
        }
    }
}

mod key_cache {
    //! Parsed keys by the identity of the `str`/`bytes` the caller passed: the hot path of every
    //! decode. Those types are immutable, so the same object always parses to the same key; the
    //! entry holds the object, so its identity cannot be reused while cached. Anything else, and
    //! every miss, goes to `ferrojwt._key` (which caches by value).
    use super::*;
    use std::sync::Mutex;

    const SLOTS: usize = 8;

    struct Entry {
        material: Py<PyAny>,
        mask: u64,
        parsed: Py<PyAny>,
    }

    struct Slots {
        entries: Vec<Entry>,
        next: usize,
    }

    static CACHE: Mutex<Slots> = Mutex::new(Slots {
        entries: Vec::new(),
        next: 0,
    });

    /// The native `Key`/`KeySet` for `key`, as `ferrojwt._key` would return it.
    pub fn resolve<'py>(
        py: Python<'py>,
        key: Arg<'py>,
        names: &AlgorithmNames<'py>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let key = match key {
            Arg::Given(key) => key,
            Arg::Omitted => PyString::new(py, "").into_any(),
        };
        // Exact-type checks are pointer comparisons: the common `str`/`bytes` key pays no more.
        let cacheable =
            key.is_exact_instance_of::<PyString>() || key.is_exact_instance_of::<PyBytes>();
        if !cacheable && (key.is_instance_of::<Key>() || key.is_instance_of::<KeySet>()) {
            return Ok(key);
        }
        let mask = names.mask;
        if cacheable {
            // Only pointer comparisons under the lock: no Python code can run while it is held.
            let slots = CACHE
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            if let Some(entry) = slots
                .entries
                .iter()
                .find(|e| e.mask == mask && e.material.as_ptr() == key.as_ptr())
            {
                return Ok(entry.parsed.bind(py).clone());
            }
        }
        let parsed = python_helper(py, "_key")?.call1((&key, names.as_tuple(py)?))?;
        if cacheable {
            let entry = Entry {
                material: key.unbind(),
                mask,
                parsed: parsed.clone().unbind(),
            };
            let evicted = {
                let mut slots = CACHE
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                if slots.entries.len() < SLOTS {
                    slots.entries.push(entry);
                    None
                } else {
                    let at = slots.next;
                    slots.next = (at + 1) % SLOTS;
                    Some(std::mem::replace(&mut slots.entries[at], entry))
                }
            };
            // Released outside the lock: freeing the old objects may run arbitrary Python code.
            drop(evicted);
        }
        Ok(parsed)
    }
}

mod clock {
    use super::*;

    static TIME_MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

    /// `time.time()`, looked up on the module at each call: freezegun and time-machine replace
    /// that attribute, and users' tests rely on it freezing ferrojwt's clock too.
    pub fn time(py: Python<'_>) -> PyResult<f64> {
        let module =
            TIME_MODULE.get_or_try_init(py, || PyModule::import(py, "time").map(Bound::unbind))?;
        module
            .bind(py)
            .getattr(intern!(py, "time"))?
            .call0()?
            .extract()
    }
}

/// The header of a token, parsed strictly but not verified.
#[pyfunction]
fn get_unverified_header<'py>(py: Python<'py>, token: &[u8]) -> PyResult<Bound<'py, PyDict>> {
    let header = fj::decode_header(token).map_err(|e| errors::to_py(py, e))?;
    convert::map_to_dict(py, header.as_map())
}

/// Applies the core's refresh-window rule to a verified payload; returns `orig_iat`.
#[pyfunction]
fn check_refresh_window<'py>(
    py: Python<'py>,
    payload: &Bound<'py, PyAny>,
    refresh_delta_secs: &Bound<'py, PyAny>,
    now: f64,
) -> PyResult<Bound<'py, PyAny>> {
    // Read once, with `get` as 1.11 did: a defaultdict gains no entry, the value checked is the
    // value returned, and an error raised by the mapping reaches the caller.
    let orig_iat = payload.call_method1(intern!(py, "get"), (intern!(py, "orig_iat"),))?;
    // Only orig_iat matters to the rule; convert just that entry rather than the whole payload.
    let mut claims = fj::Claims::new();
    if !orig_iat.is_none() {
        let value = match convert::to_ref_owned(&orig_iat, 0) {
            Ok(value) => value.to_value(),
            // An int beyond 64 bits is no NumericDate either: the core's range check says so.
            Err(_) if orig_iat.is_instance_of::<PyInt>() => {
                Value::from(if orig_iat.gt(0)? { i64::MAX } else { i64::MIN })
            }
            Err(e) => return Err(e),
        };
        claims.insert("orig_iat".into(), value);
    }
    // A window wider than any date never ends (or, negative, has always ended).
    let refresh_delta_secs = match refresh_delta_secs.extract::<i64>() {
        Ok(secs) => secs,
        Err(_) if refresh_delta_secs.gt(0)? => i64::MAX,
        Err(_) if refresh_delta_secs.lt(0)? => i64::MIN,
        Err(e) => return Err(e),
    };
    let policy = fj::RefreshPolicy {
        expiration: chrono::TimeDelta::zero(),
        refresh_delta_secs,
        allow_expired: false,
    };
    let now = fj::datetime_from_f64(now).map_err(|e| errors::to_py(py, e))?;
    policy
        .check_window(&claims, now)
        .map_err(|e| errors::to_py(py, e))?;
    // Hand back the caller's own object, not a copy: 1.11 carried the value over unchanged.
    Ok(orig_iat)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", fj::VERSION)?;
    // The names the core accepts, so the Python layers never keep a list of their own.
    let names = || fj::Algorithm::ALL.iter().map(|a| (a.as_str(), *a));
    m.add("ALGORITHMS", names().map(|(n, _)| n).collect::<Vec<_>>())?;
    m.add(
        "HMAC_ALGORITHMS",
        names()
            .filter(|(_, a)| a.family() == fj::Family::Hmac)
            .map(|(n, _)| n)
            .collect::<Vec<_>>(),
    )?;
    m.add_class::<Key>()?;
    m.add_class::<KeySet>()?;
    m.add_function(wrap_pyfunction!(encode, m)?)?;
    m.add_function(wrap_pyfunction!(decode, m)?)?;
    m.add_function(wrap_pyfunction!(get_unverified_header, m)?)?;
    m.add_function(wrap_pyfunction!(check_refresh_window, m)?)?;
    Ok(())
}
