//! How a call reaches a portal: one POST of a JSON body, and the answer's
//! status and text. A trait, so the tests (and a screen test) answer with
//! recorded replies and nothing goes on the network; `Http` is the real one,
//! used only when the person asks to publish.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use serde_json::Value;

/// The portal's answer to one call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub body: String,
}

/// Why a portal could not be reached at all, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unreachable {
    #[error("no computer answers to the name in its address; check the address")]
    NoSuchHost,
    #[error("nothing answered there (the portal may be down, or the address wrong)")]
    Refused,
    #[error("it did not answer within {0} seconds")]
    TimedOut(u64),
    #[error("its secure connection could not be set up ({0})")]
    Secure(String),
    #[error("the connection failed ({0})")]
    Other(String),
}

/// Sends one call to a portal.
pub trait Transport: Send + Sync {
    /// POSTs `body` (JSON) to `url` with the token in the `Authorization`
    /// header when there is one.
    fn post(&self, url: &str, token: Option<&str>, body: &[u8]) -> Result<Reply, Unreachable>;
}

/// The real network, through a blocking HTTP client (no async runtime).
pub struct Http {
    agent: ureq::Agent,
}

/// How long one call may take: a portal's create is well under a second, but
/// a busy one may take longer.
const TIMEOUT_SECONDS: u64 = 60;

impl Default for Http {
    fn default() -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(TIMEOUT_SECONDS)))
            // A refusal from the portal is an answer to read, not a failure.
            .http_status_as_error(false)
            .build();
        Http {
            agent: config.into(),
        }
    }
}

impl Transport for Http {
    fn post(&self, url: &str, token: Option<&str>, body: &[u8]) -> Result<Reply, Unreachable> {
        let mut request = self
            .agent
            .post(url)
            .header("Content-Type", "application/json");
        if let Some(token) = token {
            request = request.header("Authorization", token);
        }
        let mut response = request.send(body).map_err(unreachable)?;
        let status = response.status().as_u16();
        let body = response.body_mut().read_to_string().map_err(unreachable)?;
        Ok(Reply { status, body })
    }
}

fn unreachable(e: ureq::Error) -> Unreachable {
    use std::io::ErrorKind;
    match e {
        ureq::Error::HostNotFound => Unreachable::NoSuchHost,
        ureq::Error::Timeout(_) => Unreachable::TimedOut(TIMEOUT_SECONDS),
        ureq::Error::ConnectionFailed => Unreachable::Refused,
        ureq::Error::Io(io) if io.kind() == ErrorKind::ConnectionRefused => Unreachable::Refused,
        ureq::Error::Io(io) if io.kind() == ErrorKind::TimedOut => {
            Unreachable::TimedOut(TIMEOUT_SECONDS)
        }
        ureq::Error::Io(io) => Unreachable::Other(io.to_string()),
        ureq::Error::Tls(t) => Unreachable::Secure(t.to_string()),
        other => Unreachable::Other(other.to_string()),
    }
}

/// One call a `Recorded` transport was given.
#[derive(Debug, Clone, PartialEq)]
pub struct Sent {
    /// The action's name, the last part of the address (`package_create`).
    pub action: String,
    pub token: Option<String>,
    pub body: Value,
}

/// Answers each call with the next reply recorded for its action, and keeps
/// what it was sent: the tests' portal. A call with no reply left is
/// answered as a portal that is not there.
#[derive(Debug, Default)]
pub struct Recorded {
    replies: Mutex<Vec<(String, VecDeque<Reply>)>>,
    sent: Mutex<Vec<Sent>>,
}

impl Recorded {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a reply for the next call of `action`.
    pub fn reply(self, action: &str, status: u16, body: Value) -> Self {
        self.push(action, status, body.to_string());
        self
    }

    /// Adds a reply whose body is the text given (CKAN's unknown action
    /// answers a bare string; a proxy may answer a page).
    pub fn reply_text(self, action: &str, status: u16, body: &str) -> Self {
        self.push(action, status, body.to_string());
        self
    }

    fn push(&self, action: &str, status: u16, body: String) {
        let mut replies = self.replies.lock().unwrap_or_else(|e| e.into_inner());
        let reply = Reply { status, body };
        match replies.iter_mut().find(|(a, _)| a == action) {
            Some((_, queue)) => queue.push_back(reply),
            None => replies.push((action.to_string(), VecDeque::from([reply]))),
        }
    }

    /// Every call sent so far, in order.
    pub fn sent(&self) -> Vec<Sent> {
        self.sent.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl Transport for Recorded {
    fn post(&self, url: &str, token: Option<&str>, body: &[u8]) -> Result<Reply, Unreachable> {
        let action = url.rsplit('/').next().unwrap_or_default().to_string();
        self.sent
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Sent {
                action: action.clone(),
                token: token.map(str::to_string),
                body: serde_json::from_slice(body).unwrap_or(Value::Null),
            });
        let mut replies = self.replies.lock().unwrap_or_else(|e| e.into_inner());
        replies
            .iter_mut()
            .find(|(a, _)| *a == action)
            .and_then(|(_, queue)| queue.pop_front())
            .ok_or(Unreachable::Refused)
    }
}
