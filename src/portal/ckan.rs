//! A small client of CKAN's Action API (`POST /api/3/action/NAME`, JSON in,
//! `{"success": …, "result" | "error": …}` out), and what its refusals mean in
//! plain words: a field the portal refused (named as the inventory names it),
//! a change made on the portal since we last sent (a conflict), no right to do
//! it, a dataset no longer there, a portal that does not answer.

use serde_json::{Value, json};

use super::transport::{Transport, Unreachable};

/// One organization the token's user may publish into.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Organization {
    pub id: String,
    /// Its short name in addresses (`parks-department`).
    pub name: String,
    pub title: String,
}

/// Why a call did not do what was asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallError {
    #[error("The portal at {portal} could not be reached: {why}.")]
    Unreachable { portal: String, why: Unreachable },
    /// Fields the portal refused, with its own messages.
    #[error("The portal refused {}", validation_words(.0))]
    Validation(Vec<(String, Vec<String>)>),
    /// The dataset was changed on the portal since we last sent it: these
    /// fields differ from what we sent. Nothing was overwritten.
    #[error(
        "It was changed on the portal since it was last sent ({}). Nothing was overwritten: look at it on the portal, bring the change into the inventory if it should stay, and ask the portal's administrator before publishing over it.",
        conflict_words(.0)
    )]
    Conflict(Vec<String>),
    #[error(
        "The portal says this key may not do that ({0}). Check that the key belongs to a person who may publish in the chosen organization."
    )]
    Authorization(String),
    #[error(
        "The portal no longer has this dataset (it may have been deleted there). Ask the portal's administrator; to publish it again as a new dataset, clear its portal record."
    )]
    NotFound,
    #[error("The portal could not do it: {message}")]
    Other { status: u16, message: String },
    /// The answer is no portal's: a web page, or nothing a CKAN portal says.
    #[error(
        "{portal} does not answer as a CKAN portal does. Check the portal's address: it is the address of the portal's home page, like https://data.yourcity.gov."
    )]
    NotAPortal { portal: String },
}

/// A CKAN portal, reached through a transport, with the key of the person
/// publishing (never kept in the inventory).
pub struct Ckan<'a> {
    base: String,
    token: Option<&'a str>,
    transport: &'a dyn Transport,
}

impl<'a> Ckan<'a> {
    pub fn new(base: &str, token: Option<&'a str>, transport: &'a dyn Transport) -> Self {
        Ckan {
            base: base.trim().trim_end_matches('/').to_string(),
            token,
            transport,
        }
    }

    /// The portal's address as given.
    pub fn address(&self) -> &str {
        &self.base
    }

    /// Calls one action; `Ok` is its `result`.
    pub fn call(&self, action: &str, body: &Value) -> Result<Value, CallError> {
        let url = format!("{}/api/3/action/{action}", self.base);
        let bytes = serde_json::to_vec(body).unwrap_or_default();
        let reply = self
            .transport
            .post(&url, self.token, &bytes)
            .map_err(|why| CallError::Unreachable {
                portal: self.base.clone(),
                why,
            })?;
        let value: Value = serde_json::from_str(&reply.body).unwrap_or(Value::Null);
        if reply.status == 200 && value["success"] == json!(true) {
            return Ok(value["result"].clone());
        }
        // A CKAN portal answers every action with JSON (an unknown action
        // with a bare JSON text): anything else is another kind of site.
        if value.is_null() {
            return Err(CallError::NotAPortal {
                portal: self.base.clone(),
            });
        }
        Err(refusal(reply.status, &value, &reply.body))
    }

    /// The organizations the key's user may create datasets in.
    pub fn organizations(&self) -> Result<Vec<Organization>, CallError> {
        let result = self.call(
            "organization_list_for_user",
            &json!({"permission": "create_dataset"}),
        )?;
        let text = |o: &Value, k: &str| o[k].as_str().unwrap_or_default().to_string();
        Ok(result
            .as_array()
            .map(|list| {
                list.iter()
                    .map(|o| Organization {
                        id: text(o, "id"),
                        name: text(o, "name"),
                        title: text(o, "title"),
                    })
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Creates a dataset; `Ok` is the package as the portal keeps it.
    pub fn create(&self, package: &Value) -> Result<Value, CallError> {
        self.call("package_create", package)
    }

    /// Updates a dataset with `update`, only if the portal still has the
    /// values of `matching` (what we sent last time): else a conflict.
    pub fn revise(&self, id: &str, matching: &Value, update: &Value) -> Result<Value, CallError> {
        let mut matching = matching.clone();
        if let Some(m) = matching.as_object_mut() {
            m.insert("id".into(), json!(id));
        }
        let result = self.call(
            "package_revise",
            &json!({"match": matching, "update": update}),
        )?;
        Ok(result["package"].clone())
    }
}

/// A refusal's meaning, from the error's type and keys (never from its words).
fn refusal(status: u16, value: &Value, text: &str) -> CallError {
    let error = &value["error"];
    let kind = error["__type"].as_str().unwrap_or_default();
    let message = error["message"]
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| short(value.as_str().unwrap_or(text)));
    match kind {
        "Validation Error" => {
            let fields: Vec<(String, Vec<String>)> = error
                .as_object()
                .map(|o| {
                    o.iter()
                        .filter(|(k, _)| !k.starts_with("__"))
                        .map(|(k, v)| (k.clone(), messages(v)))
                        .collect()
                })
                .unwrap_or_default();
            match fields.iter().find(|(k, _)| k == "match") {
                Some((_, paths)) => CallError::Conflict(paths.clone()),
                None => CallError::Validation(fields),
            }
        }
        "Authorization Error" => CallError::Authorization(message),
        "Not Found Error" => CallError::NotFound,
        _ if status == 403 || status == 401 => CallError::Authorization(message),
        _ if status == 404 => CallError::NotFound,
        _ => CallError::Other { status, message },
    }
}

/// A field's messages: a list of texts, or nested lists and objects (a
/// resource's or a tag's errors) flattened.
fn messages(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(list) => list.iter().flat_map(messages).collect(),
        Value::Object(map) => map
            .iter()
            .flat_map(|(k, v)| messages(v).into_iter().map(move |m| format!("{k}: {m}")))
            .collect(),
        Value::Null => Vec::new(),
        other => vec![other.to_string()],
    }
}

fn short(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(300) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None if text.is_empty() => "no explanation given".into(),
        None => text.to_string(),
    }
}

/// A CKAN key (or a `match` path like `tags__0__name`) in the inventory's words.
pub fn field_words(key: &str) -> String {
    if let Some(extra) = key
        .strip_prefix("extras__")
        .filter(|k| !k.starts_with(|c: char| c.is_ascii_digit()))
    {
        return format!("its detail \"{extra}\" on the portal");
    }
    let first = key.split("__").next().unwrap_or(key);
    let words = match first {
        "name" => "the dataset's short name in its portal address (made from its Dataset Name)",
        "title" => "Dataset Name",
        "notes" => "Contents (its description)",
        "tags" => "Keywords",
        "license_id" => "License",
        "url" => "Landing Page",
        "maintainer" => "Data Steward",
        "maintainer_email" => "Contact Email",
        "owner_org" => "the organization on the portal",
        "private" => "whether it is public",
        "resources" => "its files and links (distributions)",
        "extras" => "its other details (identifier, dates, coverage)",
        "id" => "its record on the portal",
        other => other,
    };
    words.to_string()
}

fn validation_words(fields: &[(String, Vec<String>)]) -> String {
    if fields.is_empty() {
        return "it without saying why.".into();
    }
    let said: Vec<String> = fields
        .iter()
        .map(|(k, m)| format!("{}: {}", field_words(k), m.join(" ")))
        .collect();
    let said = said.join("; ");
    format!(
        "{}. Correct it in the dataset's editor and publish again.",
        said.trim_end_matches('.')
    )
}

fn conflict_words(paths: &[String]) -> String {
    let mut said: Vec<String> = Vec::new();
    for p in paths {
        let w = field_words(p);
        if !said.contains(&w) {
            said.push(w);
        }
    }
    said.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portal::transport::Recorded;

    #[test]
    fn a_refused_field_is_named_as_the_inventory_names_it() {
        let portal = Recorded::new().reply(
            "package_create",
            409,
            json!({"success": false, "error": {"__type": "Validation Error", "name": ["That URL is already in use."]}}),
        );
        let ckan = Ckan::new("http://portal.example/", Some("key"), &portal);
        let e = ckan.create(&json!({"name": "trees"})).unwrap_err();
        let text = e.to_string();
        assert!(matches!(e, CallError::Validation(_)));
        assert!(text.contains("short name in its portal address"), "{text}");
        assert!(
            text.contains("That URL is already in use. Correct it"),
            "{text}"
        );
    }

    #[test]
    fn a_match_that_differs_is_a_conflict_naming_the_fields() {
        let portal = Recorded::new().reply(
            "package_revise",
            409,
            json!({"success": false, "error": {"__type": "Validation Error", "match": ["notes", "tags__1__name"]}}),
        );
        let ckan = Ckan::new("http://portal.example", Some("key"), &portal);
        let e = ckan
            .revise("abc", &json!({"notes": "x"}), &json!({}))
            .unwrap_err();
        assert_eq!(
            e,
            CallError::Conflict(vec!["notes".into(), "tags__1__name".into()])
        );
        let text = e.to_string();
        assert!(
            text.contains("Contents") && text.contains("Keywords"),
            "{text}"
        );
        assert_eq!(portal.sent()[0].body["match"]["id"], "abc");
    }

    #[test]
    fn an_unknown_action_answering_a_bare_string_is_an_error_in_words() {
        let portal = Recorded::new().reply_text(
            "package_create",
            400,
            "\"Bad request - Action name not known: package_create\"",
        );
        let ckan = Ckan::new("http://portal.example", None, &portal);
        let e = ckan.create(&json!({})).unwrap_err();
        assert!(matches!(e, CallError::Other { status: 400, .. }), "{e:?}");
    }

    #[test]
    fn a_web_page_at_the_address_is_no_portal_and_the_message_says_to_check_it() {
        let portal = Recorded::new().reply_text(
            "organization_list_for_user",
            404,
            "<!DOCTYPE html><html><body>Page not found</body></html>",
        );
        let ckan = Ckan::new("https://www.city.gov/open", Some("key"), &portal);
        let e = ckan.organizations().unwrap_err();
        let text = e.to_string();
        assert!(matches!(e, CallError::NotAPortal { .. }), "{e:?}");
        assert!(text.contains("Check the portal's address"), "{text}");
        assert!(
            !text.contains("<!DOCTYPE") && !text.contains("404"),
            "{text}"
        );
    }

    #[test]
    fn a_portal_that_does_not_answer_is_unreachable() {
        let portal = Recorded::new();
        let ckan = Ckan::new("http://portal.example", None, &portal);
        let e = ckan.organizations().unwrap_err();
        assert!(e.to_string().contains("could not be reached"), "{e}");
    }
}
