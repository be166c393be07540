// Passkeys (WebAuthn) on the sign-in, second-step and security pages. A form marked data-passkey="create" or "get"
// first posts itself to its data-options-handler for the options (the server keeps the challenge), hands them to the
// browser, puts the browser's answer as JSON in the form's Credential field and then submits the form as usual.
// Without WebAuthn the forms stay hidden or say so; everything else on those pages works without JavaScript.
(() => {
  "use strict";

  const supported = typeof window.PublicKeyCredential === "function" && navigator.credentials;

  const toBytes = (text) => {
    const base64 = text.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(text.length / 4) * 4, "=");
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  };

  const toText = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer)))
    .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

  const descriptors = (list) => (list || []).map((item) => ({ ...item, id: toBytes(item.id) }));

  const creationOptions = (json) => (PublicKeyCredential.parseCreationOptionsFromJSON
    ? PublicKeyCredential.parseCreationOptionsFromJSON(json)
    : { ...json, challenge: toBytes(json.challenge), user: { ...json.user, id: toBytes(json.user.id) }, excludeCredentials: descriptors(json.excludeCredentials) });

  const requestOptions = (json) => (PublicKeyCredential.parseRequestOptionsFromJSON
    ? PublicKeyCredential.parseRequestOptionsFromJSON(json)
    : { ...json, challenge: toBytes(json.challenge), allowCredentials: descriptors(json.allowCredentials) });

  const credentialJson = (credential) => {
    if (typeof credential.toJSON === "function") {
      return credential.toJSON();
    }

    const response = credential.response;
    const common = {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
      clientExtensionResults: credential.getClientExtensionResults(),
    };
    return response.attestationObject
      ? { ...common, response: { clientDataJSON: toText(response.clientDataJSON), attestationObject: toText(response.attestationObject), transports: response.getTransports ? response.getTransports() : [] } }
      : {
        ...common,
        response: {
          clientDataJSON: toText(response.clientDataJSON),
          authenticatorData: toText(response.authenticatorData),
          signature: toText(response.signature),
          userHandle: response.userHandle ? toText(response.userHandle) : undefined,
        },
      };
  };

  const optionsFor = async (form) => {
    const address = new URL(form.action || window.location.href, window.location.href);
    address.searchParams.set("handler", form.dataset.optionsHandler);
    const answer = await fetch(address, { method: "POST", body: new FormData(form), credentials: "same-origin", headers: { Accept: "application/json" } });
    const body = await answer.json().catch(() => ({}));
    if (!answer.ok) {
      throw new Error(body.error || "The server could not start this; reload the page and try again.");
    }

    return body;
  };

  const explain = (error) => {
    if (error && (error.name === "NotAllowedError" || error.name === "AbortError")) {
      return "The passkey request was cancelled or timed out. Try again.";
    }

    if (error && error.name === "InvalidStateError") {
      return "This device already holds a passkey for your account.";
    }

    return (error && error.message) || "Something went wrong with the passkey. Try again.";
  };

  for (const form of document.querySelectorAll("form[data-passkey]")) {
    const status = form.querySelector(".passkey-status");
    if (!supported) {
      if (!form.hidden && status) {
        status.textContent = "This browser cannot use passkeys.";
        form.querySelector("button[type=submit]").disabled = true;
      }

      continue;
    }

    form.hidden = false;
    form.addEventListener("submit", async (event) => {
      if (form.dataset.passkeyReady === "true") {
        return; // the answer is in the form: let it go
      }

      event.preventDefault();
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      if (status) {
        status.textContent = "";
      }

      try {
        const options = await optionsFor(form);
        const credential = form.dataset.passkey === "create"
          ? await navigator.credentials.create({ publicKey: creationOptions(options) })
          : await navigator.credentials.get({ publicKey: requestOptions(options) });
        form.querySelector("input[name=Credential]").value = JSON.stringify(credentialJson(credential));
        form.dataset.passkeyReady = "true";
        form.submit();
      } catch (error) {
        if (status) {
          status.textContent = explain(error);
        }

        button.disabled = false;
      }
    });
  }
})();
