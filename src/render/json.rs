//! JSON writing: whole values, and arrays streamed element by element so that a long list never
//! sits in memory. Both print exactly what `serde_json::to_string_pretty` would, plus a newline.

use serde::Serialize;
use serde::ser::{Error as _, SerializeSeq, Serializer};
use std::cell::RefCell;
use std::io::{self, Write};

/// Pretty JSON of `value` and a newline, written to `out`.
pub fn write<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}

/// Hands each element of a stream to the writer, in order; the writer's error stops the source.
pub type Push<'p, T, E> = dyn FnMut(&T) -> Result<(), E> + 'p;

/// A JSON array whose elements come from `fill` one at a time, while it is being written: the
/// value of a field of a larger document (see [`write_streamed`]), or a document on its own
/// (see [`write_array`]).
pub struct Stream<'f, T, E> {
    #[allow(clippy::type_complexity)]
    fill: RefCell<Option<Box<dyn FnOnce(&mut Push<'_, T, E>) -> Result<(), E> + 'f>>>,
    /// What stopped `fill`, handed back by `write_streamed` instead of serde's error.
    failure: RefCell<Option<E>>,
}

impl<'f, T, E> Stream<'f, T, E> {
    /// `fill` calls its argument once per element, in order, and passes on its errors.
    pub fn new(fill: impl FnOnce(&mut Push<'_, T, E>) -> Result<(), E> + 'f) -> Self {
        Stream {
            fill: RefCell::new(Some(Box::new(fill))),
            failure: RefCell::new(None),
        }
    }
}

impl<T: Serialize, E: From<io::Error>> Serialize for Stream<'_, T, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fill = self
            .fill
            .borrow_mut()
            .take()
            .ok_or_else(|| S::Error::custom("a stream can be written once"))?;
        let mut seq = serializer.serialize_seq(None)?;
        let mut write_error = None;
        let filled = fill(&mut |element: &T| {
            seq.serialize_element(element).map_err(|e| {
                write_error = Some(e);
                E::from(io::Error::other("stopped by the writer"))
            })
        });
        if let Some(e) = write_error {
            return Err(e);
        }
        if let Err(e) = filled {
            *self.failure.borrow_mut() = Some(e);
            return Err(S::Error::custom("stopped by the source"));
        }
        seq.end()
    }
}

/// Writes `document` (pretty, with a newline), which holds `stream` somewhere inside it. An error
/// of the stream's source comes back as itself, not as a JSON error.
pub fn write_streamed<D, T, E>(
    out: &mut dyn Write,
    document: &D,
    stream: &Stream<'_, T, E>,
) -> Result<(), E>
where
    D: Serialize + ?Sized,
    T: Serialize,
    E: From<io::Error>,
{
    let written = write(out, document);
    if let Some(e) = stream.failure.borrow_mut().take() {
        return Err(e);
    }
    written.map_err(E::from)
}

/// Writes a JSON array (pretty, with a newline) of the elements `fill` hands over.
pub fn write_array<'f, T, E>(
    out: &mut dyn Write,
    fill: impl FnOnce(&mut Push<'_, T, E>) -> Result<(), E> + 'f,
) -> Result<(), E>
where
    T: Serialize,
    E: From<io::Error>,
{
    let stream = Stream::new(fill);
    write_streamed(out, &stream, &stream)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize, Clone)]
    struct Element {
        name: String,
        tags: Vec<String>,
        nested: Option<Box<Element>>,
    }

    #[derive(Serialize)]
    struct Document<Items> {
        format: &'static str,
        items: Items,
        after: u32,
    }

    fn elements(n: usize) -> Vec<Element> {
        (0..n)
            .map(|i| Element {
                name: format!("line\nbreak \"{i}\" \u{1b}"),
                tags: (0..i).map(|t| t.to_string()).collect(),
                nested: (i % 2 == 1).then(|| {
                    Box::new(Element {
                        name: "inner".into(),
                        tags: vec![],
                        nested: None,
                    })
                }),
            })
            .collect()
    }

    /// A pipe closed after the first few bytes.
    struct Closed(usize);
    impl Write for Closed {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.0 < buf.len() {
                return Err(io::Error::from(io::ErrorKind::BrokenPipe));
            }
            self.0 -= buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn pretty<T: Serialize>(value: &T) -> String {
        serde_json::to_string_pretty(value).unwrap() + "\n"
    }

    #[test]
    fn a_streamed_array_prints_what_a_vec_prints() {
        for n in [0, 1, 3] {
            let all = elements(n);
            let mut out = Vec::new();
            write_array::<_, io::Error>(&mut out, |push| all.iter().try_for_each(push)).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                pretty(&all),
                "{n} elements"
            );
        }
    }

    #[test]
    fn a_stream_inside_a_document_prints_what_a_vec_prints() {
        for n in [0, 2] {
            let all = elements(n);
            let stream = Stream::<_, io::Error>::new(|push| all.iter().try_for_each(push));
            let doc = Document {
                format: "x",
                items: &stream,
                after: 7,
            };
            let mut out = Vec::new();
            write_streamed(&mut out, &doc, &stream).unwrap();
            let whole = Document {
                format: "x",
                items: &all,
                after: 7,
            };
            assert_eq!(String::from_utf8(out).unwrap(), pretty(&whole));
        }
    }

    #[test]
    fn the_source_error_comes_back_as_itself() {
        #[derive(Debug)]
        enum Failure {
            Source(&'static str),
            Io(io::ErrorKind),
        }
        impl From<io::Error> for Failure {
            fn from(e: io::Error) -> Self {
                Failure::Io(e.kind())
            }
        }
        let all = elements(3);
        let mut out = Vec::new();
        let err = write_array(&mut out, |push| {
            push(&all[0])?;
            Err(Failure::Source("database gone"))
        })
        .unwrap_err();
        assert!(matches!(err, Failure::Source("database gone")), "{err:?}");
        let err = write_array(&mut Closed(40), |push| all.iter().try_for_each(push)).unwrap_err();
        assert!(
            matches!(err, Failure::Io(io::ErrorKind::BrokenPipe)),
            "{err:?}"
        );
    }

    #[test]
    fn a_writer_error_stops_the_source() {
        let all = elements(3);
        let mut pushed = 0;
        let err = write_array::<_, io::Error>(&mut Closed(40), |push| {
            for e in &all {
                pushed += 1;
                push(e)?;
            }
            Ok(())
        })
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
        assert_eq!(pushed, 1, "the source stops at the first failed write");
    }
}
