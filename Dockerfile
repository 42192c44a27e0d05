# SnogMarryAvoid in a container: the same published app that deploy.md installs and the tests run.
# Not built in this repository's CI (no image registry is reachable there); see docs/deploy.md, "Containers".
#   docker build -t snogmarryavoid .
#   docker run -p 8080:8080 -v sma-data:/data -e Bootstrap__OrganiserEmail=you@example.org \
#     -e Bootstrap__OrganiserPassword='a long passphrase' snogmarryavoid

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY SnogMarryAvoid.Core/SnogMarryAvoid.Core.csproj SnogMarryAvoid.Core/
COPY SnogMarryAvoid.Web/SnogMarryAvoid.Web.csproj SnogMarryAvoid.Web/
# A restore for publishing: the publish is compiled ahead of time (ReadyToRun) for this platform, and only a restore
# that knows it is for a publish fetches what that needs. The tests publish with these two commands.
RUN dotnet restore SnogMarryAvoid.Web/SnogMarryAvoid.Web.csproj -p:_IsPublishing=true
COPY SnogMarryAvoid.Core/ SnogMarryAvoid.Core/
COPY SnogMarryAvoid.Web/ SnogMarryAvoid.Web/
# The accessibility statement at /accessibility is built from its doc.
COPY docs/accessibility.md docs/
RUN dotnet publish SnogMarryAvoid.Web/SnogMarryAvoid.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# The data folder (the SQLite database, when no other database is set) is a volume, owned by the
# image's non-root user "app".
RUN mkdir -p /data && chown app:app /data
VOLUME /data
USER app
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_URLS=http://+:8080 \
    DataFolder=/data \
    DOTNET_NOLOGO=1
EXPOSE 8080
# SIGTERM (docker stop) drains the server first: give it Shutdown:DrainSeconds and a little more.
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "SnogMarryAvoid.Web.dll"]
