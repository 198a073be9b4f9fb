# SalesMatrix service image. The app runs its TypeScript sources through tsx (no build step).
FROM node:20-bookworm-slim

# Charts are rendered to PNG on the server (resvg), which draws text with the system's fonts.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-liberation && rm -rf /var/lib/apt/lists/*

WORKDIR /app
RUN chown node:node /app
USER node

# Dependencies first, so source edits don't invalidate this layer. `npm install` against the committed lock
# rather than `npm ci`: the lock was made where other platforms' optional rollup builds (a dev-only tool) are not
# served, and npm ci refuses a lock without them. With --omit=dev that tool is not installed at all, and the lock's
# versions are kept (checked: the install leaves package-lock.json unchanged). tsx, which runs the app, is a runtime dependency.
COPY --chown=node:node package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force

COPY --chown=node:node . .

ENV HOST=0.0.0.0 \
    PORT=3000
EXPOSE 3000

CMD ["node", "bin/salesmatrix.js", "serve"]
