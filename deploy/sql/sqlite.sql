CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "Sessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Sessions" PRIMARY KEY,
    "Title" TEXT NOT NULL,
    "JoinCode" TEXT NOT NULL,
    "Phase" INTEGER NOT NULL,
    "CurrentScenarioId" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "StartedAt" TEXT NULL,
    "EndedAt" TEXT NULL,
    "OwnerId" TEXT NULL,
    "Revision" INTEGER NOT NULL
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Participants" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Participants" PRIMARY KEY,
    "SessionId" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "JoinedAt" TEXT NOT NULL,
    "LastSeenAt" TEXT NOT NULL,
    CONSTRAINT "FK_Participants_Sessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES "Sessions" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Scenarios" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Scenarios" PRIMARY KEY,
    "SessionId" TEXT NOT NULL,
    "Order" INTEGER NOT NULL,
    "PublicBody" TEXT NOT NULL,
    "Counterpart" TEXT NOT NULL,
    "Context" TEXT NULL,
    "State" INTEGER NOT NULL,
    "OpenedAt" TEXT NULL,
    "ClosedAt" TEXT NULL,
    CONSTRAINT "FK_Scenarios_Sessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES "Sessions" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Votes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Votes" PRIMARY KEY,
    "ScenarioId" TEXT NOT NULL,
    "ParticipantId" TEXT NOT NULL,
    "Choice" INTEGER NOT NULL,
    "Reason" TEXT NULL,
    "CastAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Votes_Participants_ParticipantId" FOREIGN KEY ("ParticipantId") REFERENCES "Participants" ("Id"),
    CONSTRAINT "FK_Votes_Scenarios_ScenarioId" FOREIGN KEY ("ScenarioId") REFERENCES "Scenarios" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE UNIQUE INDEX "IX_Participants_SessionId_Key" ON "Participants" ("SessionId", "Key");

CREATE UNIQUE INDEX "IX_Scenarios_OneOpenPerSession" ON "Scenarios" ("SessionId") WHERE "State" = 1;

CREATE INDEX "IX_Scenarios_SessionId_Order" ON "Scenarios" ("SessionId", "Order");

CREATE INDEX "IX_Sessions_CreatedAt" ON "Sessions" ("CreatedAt");

CREATE UNIQUE INDEX "IX_Sessions_JoinCode_Active" ON "Sessions" ("JoinCode") WHERE "Phase" <> 2;

CREATE INDEX "IX_Votes_ParticipantId" ON "Votes" ("ParticipantId");

CREATE INDEX "IX_Votes_ScenarioId_Choice" ON "Votes" ("ScenarioId", "Choice");

CREATE UNIQUE INDEX "IX_Votes_ScenarioId_ParticipantId" ON "Votes" ("ScenarioId", "ParticipantId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126073639_Initial', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Votes" ADD "ReasonHidden" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Votes" ADD "ReasonSpotlighted" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Sessions" ADD "IsBlanked" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Sessions" ADD "ShowResultsLive" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Scenarios" ADD "ClosesAt" TEXT NULL;

CREATE INDEX "IX_Scenarios_ClosesAt" ON "Scenarios" ("ClosesAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126080351_RunningSessions', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "VoteChanges" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_VoteChanges" PRIMARY KEY,
    "ScenarioId" TEXT NOT NULL,
    "ParticipantId" TEXT NOT NULL,
    "From" INTEGER NOT NULL,
    "To" INTEGER NOT NULL,
    "ChangedAt" TEXT NOT NULL,
    CONSTRAINT "FK_VoteChanges_Participants_ParticipantId" FOREIGN KEY ("ParticipantId") REFERENCES "Participants" ("Id"),
    CONSTRAINT "FK_VoteChanges_Scenarios_ScenarioId" FOREIGN KEY ("ScenarioId") REFERENCES "Scenarios" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_VoteChanges_ParticipantId" ON "VoteChanges" ("ParticipantId");

CREATE INDEX "IX_VoteChanges_ScenarioId_ChangedAt" ON "VoteChanges" ("ScenarioId", "ChangedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126091514_VoteChanges', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Votes" ADD "Sequence" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Sessions" ADD "VoteSequence" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NULL
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126102841_VoteSequences', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Sessions" ADD "ShowOpensVoting" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Scenarios" ADD "EditedAt" TEXT NULL;

ALTER TABLE "Scenarios" ADD "Notes" TEXT NULL;

CREATE TABLE "SessionShares" (
    "SessionId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "SharedAt" TEXT NOT NULL,
    CONSTRAINT "PK_SessionShares" PRIMARY KEY ("SessionId", "UserId"),
    CONSTRAINT "FK_SessionShares_Sessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES "Sessions" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_SessionShares_UserId" ON "SessionShares" ("UserId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261201125549_ConsoleAndSharing', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Sessions" ADD "AsksCamp" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Sessions" ADD "CampList" TEXT NULL;

ALTER TABLE "Sessions" ADD "ProjectorShowsCamps" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Sessions" ADD "ProjectorShowsWords" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Participants" ADD "Camp" INTEGER NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261201184638_Camps', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Sessions" ADD "RoomLanguages" TEXT NULL;

ALTER TABLE "Scenarios" ADD "Translations" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261201231322_RoomLanguages', '10.0.15');

COMMIT;

