-- Client-credentials token requests: client_secret_basic for demo-client, one scope (see auth-server.sh).
wrk.method = "POST"
wrk.body = "grant_type=client_credentials&scope=licenses.read"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQ="
