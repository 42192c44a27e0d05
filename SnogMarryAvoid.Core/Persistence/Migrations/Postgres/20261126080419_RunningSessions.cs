using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SnogMarryAvoid.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RunningSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ReasonHidden",
                table: "Votes",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ReasonSpotlighted",
                table: "Votes",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "IsBlanked",
                table: "Sessions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ShowResultsLive",
                table: "Sessions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClosesAt",
                table: "Scenarios",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Scenarios_ClosesAt",
                table: "Scenarios",
                column: "ClosesAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Scenarios_ClosesAt",
                table: "Scenarios");

            migrationBuilder.DropColumn(
                name: "ReasonHidden",
                table: "Votes");

            migrationBuilder.DropColumn(
                name: "ReasonSpotlighted",
                table: "Votes");

            migrationBuilder.DropColumn(
                name: "IsBlanked",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "ShowResultsLive",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "ClosesAt",
                table: "Scenarios");
        }
    }
}
