/* IndexedDB on the phone: drafts (sessions being recorded), the outbox (drafts waiting to be
   synced) and meta (the cached field context, the app language). */
(function () {
  "use strict";
  const F = (window.Field = window.Field || {});
  const DB_NAME = "approdo-campo";
  const DB_VERSION = 1;
  let opening = null;

  function open() {
    if (opening) return opening;
    opening = new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains("drafts")) db.createObjectStore("drafts", { keyPath: "client_id" });
        if (!db.objectStoreNames.contains("outbox")) db.createObjectStore("outbox", { keyPath: "client_id" });
        if (!db.objectStoreNames.contains("meta")) db.createObjectStore("meta");
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return opening;
  }

  function run(storeName, mode, action) {
    return open().then(
      (db) =>
        new Promise((resolve, reject) => {
          const tx = db.transaction(storeName, mode);
          const request = action(tx.objectStore(storeName));
          tx.oncomplete = () => resolve(request ? request.result : undefined);
          tx.onerror = () => reject(tx.error);
          tx.onabort = () => reject(tx.error);
        })
    );
  }

  F.store = {
    get: (store, key) => run(store, "readonly", (s) => s.get(key)),
    all: (store) => run(store, "readonly", (s) => s.getAll()),
    put: (store, value, key) =>
      run(store, "readwrite", (s) => (key === undefined ? s.put(value) : s.put(value, key))),
    del: (store, key) => run(store, "readwrite", (s) => s.delete(key)),
  };
})();
