//! Time limits per document and interrupting a running batch.

use std::time::Duration;

use comention::{Error, Input, Options, Pipeline};

fn inputs(n: usize) -> Vec<Input> {
    (0..n)
        .map(|i| Input {
            id: format!("d{i}"),
            text: (i % 7 != 3).then(|| format!("Officials in Berlin said Maria Keller met Acme Corp. executives on day {i}.\n\nKeller later flew to Paris.")),
            ..Default::default()
        })
        .collect()
}

fn pipeline(time_limit: Option<Duration>) -> Pipeline {
    Pipeline::new(Options { threads: 2, time_limit, ..Default::default() }).unwrap()
}

#[test]
fn spent_time_limit_leaves_an_error_record_in_place() {
    let docs = pipeline(Some(Duration::ZERO)).process(inputs(20));
    assert_eq!(docs.len(), 20);
    for (i, d) in docs.iter().enumerate() {
        assert_eq!(d.id, format!("d{i}"));
        let err = d.error.as_deref().unwrap();
        if i % 7 == 3 {
            assert!(err.starts_with("missing text"), "{err}");
        } else {
            assert!(err.contains("time limit of 0.000 s exceeded") && err.contains(&format!("\"d{i}\"")), "{err}");
            assert!(d.mentions.is_empty());
        }
    }
}

#[test]
fn spent_time_limit_while_learning_leaves_error_records_and_no_evidence() {
    let (docs, learned) = pipeline(Some(Duration::ZERO)).process_learning(inputs(20));
    assert_eq!(docs.len(), 20);
    assert_eq!(learned.n_documents(), 0, "no document was read");
    for (i, d) in docs.iter().enumerate() {
        assert_eq!(d.id, format!("d{i}"));
        let err = d.error.as_deref().unwrap();
        let expected = if i % 7 == 3 { "missing text".to_string() } else { format!("time limit of 0.000 s exceeded while processing document \"d{i}\"") };
        assert!(err.starts_with(&expected), "{err}");
    }
    let (docs, learned) = pipeline(Some(Duration::from_secs(3600))).process_learning(inputs(20));
    assert!(docs.iter().all(|d| d.error.is_none() == (d.id != "d3" && d.id != "d10" && d.id != "d17")));
    assert_eq!(learned.n_documents(), 17, "documents with text");
}

#[test]
fn a_learning_batch_stops_when_asked() {
    let p = pipeline(None);
    let big = "Maria Keller met Acme Corp. executives in Berlin.\n".repeat(40_000);
    let batch: Vec<Input> = (0..8).map(|i| Input { id: format!("b{i}"), text: Some(big.clone()), ..Default::default() }).collect();
    assert_eq!(p.process_learning_interruptible(batch, || true).err(), Some(Error::Interrupted));
    let (again, _) = p.process_learning_interruptible(inputs(10), || false).unwrap();
    assert_eq!(format!("{again:?}"), format!("{:?}", p.process_learning(inputs(10)).0));
}

#[test]
fn generous_time_limit_changes_nothing() {
    let limited = pipeline(Some(Duration::from_secs(3600))).process(inputs(30));
    let free = pipeline(None).process(inputs(30));
    assert_eq!(format!("{limited:?}"), format!("{free:?}"));
    assert!(limited.iter().filter(|d| d.error.is_none()).all(|d| !d.mentions.is_empty()));
}

#[test]
fn a_long_batch_stops_when_asked_and_the_pipeline_stays_usable() {
    let p = pipeline(None);
    // Enough work that it cannot finish before the first poll.
    let big = "Maria Keller met Acme Corp. executives in Berlin. ".repeat(40_000);
    let batch: Vec<Input> = (0..8).map(|i| Input { id: format!("b{i}"), text: Some(big.clone()), ..Default::default() }).collect();
    let mut polls = 0;
    let result = p.process_interruptible(batch, || {
        polls += 1;
        true
    });
    assert_eq!(result.err(), Some(Error::Interrupted));
    assert_eq!(polls, 1);
    let again = p.process_interruptible(inputs(10), || false).unwrap();
    assert_eq!(format!("{again:?}"), format!("{:?}", p.process(inputs(10))));
}

#[test]
fn an_error_record_keeps_the_date_and_source_it_was_given() {
    // A row whose text was missing, or whose processing failed, had lost them.
    let given = |text: Option<&str>| Input {
        id: "d".into(),
        text: text.map(str::to_string),
        date: Some("2024-05-03T10:00:00+02:00".into()),
        source: Some("Harbour Ledger".into()),
    };
    for pipeline in [pipeline(None), pipeline(Some(Duration::ZERO))] {
        let docs = pipeline.process(vec![given(None), given(Some("Maria Keller met Acme Corp. executives in Berlin."))]);
        let (learned, _) = pipeline.process_learning(vec![given(None), given(Some("Maria Keller flew to Paris."))]);
        for d in docs.iter().chain(&learned) {
            assert_eq!((d.meta.date.as_deref(), d.meta.source.as_deref()), (Some("2024-05-03"), Some("Harbour Ledger")), "{:?}", d.error);
        }
        assert!(docs[0].error.is_some() && learned[0].error.is_some());
    }
}
